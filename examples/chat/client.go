package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"time"

	"github.com/wsgen/wsgen/examples/chat/api"
	"github.com/wsgen/wsgen/runtime"
)

// member is one client in the room: its connection, its Chat call, and the
// goroutine (owned by the member, ended by leave or close) that receives the
// room's messages into in.
type member struct {
	name string
	cc   *runtime.ClientConn
	call *api.RoomChatCall
	in   chan *api.MessageT // closed when the call ended; err then says how
	err  error              // written before in is closed
	quit chan struct{}      // closed by close: stop delivering to in
}

// join connects to url and joins the room as name.
func join(ctx context.Context, url, name string) (*member, error) {
	cc, err := runtime.Dial(ctx, url)
	if err != nil {
		return nil, err
	}
	// The room learns the member's name from the request metadata.
	callCtx := runtime.NewOutgoingContext(ctx, runtime.Pairs("x-user", name))
	call, err := api.NewRoomClient(cc).Chat(callCtx)
	if err != nil {
		cc.Close()
		return nil, err
	}
	m := &member{name: name, cc: cc, call: call, in: make(chan *api.MessageT, 16), quit: make(chan struct{})}
	go func() {
		defer close(m.in)
		for msg, err := range call.All() {
			if err != nil {
				m.err = err
				return
			}
			select {
			case m.in <- msg:
			case <-m.quit:
				return // breaking out of All cancels the call
			}
		}
	}()
	return m, nil
}

// say posts text.
func (m *member) say(text string) error { return m.call.Send(&api.PostT{Text: text}) }

// next waits for the next message the member receives.
func (m *member) next(ctx context.Context) (*api.MessageT, error) {
	select {
	case msg, ok := <-m.in:
		if !ok {
			if m.err != nil {
				return nil, m.err
			}
			return nil, io.EOF
		}
		return msg, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// leave closes the member's side and waits until the room ended the call,
// returning the messages that were still on their way.
func (m *member) leave(ctx context.Context) ([]*api.MessageT, error) {
	if err := m.call.CloseSend(); err != nil {
		return nil, err
	}
	var rest []*api.MessageT
	for {
		msg, err := m.next(ctx)
		if err == io.EOF {
			return rest, nil
		}
		if err != nil {
			return rest, err
		}
		rest = append(rest, msg)
	}
}

// close cancels the call if it still runs, stops the receiving goroutine
// and closes the connection.
func (m *member) close() {
	close(m.quit)
	m.call.Cancel()
	m.cc.Close()
}

func show(out io.Writer, who string, msg *api.MessageT) {
	fmt.Fprintf(out, "%-5s sees #%d %s: %s\n", who, msg.Seq, msg.From, msg.Text)
}

// demo runs a scripted conversation between alice and bob against the room
// at url, printing what each of them receives, then reads the history zero
// copy. Each step waits for its messages, so the output is deterministic.
func demo(ctx context.Context, url string, out io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	expect := func(members ...*member) error {
		for _, m := range members {
			msg, err := m.next(ctx)
			if err != nil {
				return fmt.Errorf("%s: %w", m.name, err)
			}
			show(out, m.name, msg)
		}
		return nil
	}

	alice, err := join(ctx, url, "alice")
	if err != nil {
		return err
	}
	defer alice.close()
	if err := expect(alice); err != nil { // alice joined
		return err
	}
	bob, err := join(ctx, url, "bob")
	if err != nil {
		return err
	}
	defer bob.close()
	if err := expect(alice, bob); err != nil { // bob joined
		return err
	}
	for _, step := range []struct {
		who  *member
		text string
	}{{alice, "hi bob"}, {bob, "hi alice, bye"}} {
		if err := step.who.say(step.text); err != nil {
			return err
		}
		if err := expect(alice, bob); err != nil {
			return err
		}
	}
	rest, err := bob.leave(ctx)
	if err != nil {
		return err
	}
	for _, msg := range rest {
		show(out, "bob", msg)
	}
	if err := expect(alice); err != nil { // bob left
		return err
	}
	if _, err := alice.leave(ctx); err != nil {
		return err
	}

	// History, read zero copy: each view points into the received frame
	// and is only valid inside the loop body.
	h, err := api.NewRoomClient(alice.cc).History(ctx, &api.HistoryRequestT{Limit: 3})
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "last 3 messages:")
	for view, err := range h.Views() {
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "  #%d %s: %s\n", view.Seq(), view.From(), view.Text())
	}
	return nil
}

// chatFromLines joins the room at url as name, shows the recent history,
// posts every line read from in, and prints what the room sends until in
// ends; then it leaves.
func chatFromLines(ctx context.Context, url, name string, in io.Reader, out io.Writer) error {
	m, err := join(ctx, url, name)
	if err != nil {
		return err
	}
	defer m.close()
	h, err := api.NewRoomClient(m.cc).History(ctx, &api.HistoryRequestT{Limit: 10})
	if err != nil {
		return err
	}
	for msg, err := range h.All() {
		if err != nil {
			return err
		}
		show(out, "history", msg)
	}

	// Print the room's messages while posting our lines.
	printed := make(chan error, 1)
	go func() {
		for msg := range m.in {
			show(out, name, msg)
		}
		printed <- m.err
	}()
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		if err := m.say(sc.Text()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if err := m.call.CloseSend(); err != nil {
		return err
	}
	select {
	case err := <-printed:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
