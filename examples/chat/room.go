package main

import (
	"context"
	"iter"
	"sync"

	"github.com/wsgen/wsgen/examples/chat/api"
	"github.com/wsgen/wsgen/runtime"
)

// maxHistory is how many messages the room remembers.
const maxHistory = 100

// memberQueue is how many undelivered messages a member may have; a member
// that falls further behind misses messages rather than slowing the room.
const memberQueue = 64

// room implements api.RoomServer with the object API.
type room struct {
	mu      sync.Mutex // guards the fields below
	seq     uint64
	members map[*roomMember]struct{}
	history []*api.MessageT
}

// roomMember is one running Chat call: the room queues messages in out and
// the call's handler sends them.
type roomMember struct {
	out chan *api.MessageT
}

var _ api.RoomServer = (*room)(nil)

func newRoom() *room { return &room{members: map[*roomMember]struct{}{}} }

// publish numbers a message, remembers it and queues it for every member.
// The same *MessageT goes to every member: the generated code only reads
// it (Pack), so sharing it is safe.
func (r *room) publish(from, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq++
	m := &api.MessageT{Seq: r.seq, From: from, Text: text}
	r.history = append(r.history, m)
	if len(r.history) > maxHistory {
		r.history = r.history[len(r.history)-maxHistory:]
	}
	for mem := range r.members {
		select {
		case mem.out <- m:
		default: // too far behind: this member misses the message
		}
	}
}

func (r *room) join(name string) *roomMember {
	m := &roomMember{out: make(chan *api.MessageT, memberQueue)}
	r.mu.Lock()
	r.members[m] = struct{}{}
	r.mu.Unlock()
	r.publish("room", name+" joined")
	return m
}

func (r *room) leave(m *roomMember, name string) {
	r.mu.Lock()
	delete(r.members, m)
	r.mu.Unlock()
	r.publish("room", name+" left")
}

// Chat runs one member's connection to the room: a goroutine it owns reads
// the member's posts and publishes them, while Chat itself sends the room's
// messages. It ends when the member closes its side (after delivering what
// is already queued), or when the call is cancelled.
func (r *room) Chat(ctx context.Context, posts iter.Seq2[*api.PostT, error], send func(*api.MessageT) error) error {
	name := runtime.IncomingMetadata(ctx).Get("x-user")
	if name == "" {
		return runtime.NewError(runtime.InvalidArgument, `send your name in the "x-user" request metadata`)
	}
	m := r.join(name)
	defer r.leave(m, name)

	// The reader ends when the posts end: at the member's half-close, or
	// with an error once the call ends (which also happens when Chat
	// returns first).
	readerDone := make(chan error, 1)
	go func() {
		for p, err := range posts {
			if err != nil {
				readerDone <- err
				return
			}
			r.publish(name, p.Text)
		}
		readerDone <- nil
	}()
	for {
		select {
		case msg := <-m.out:
			if err := send(msg); err != nil {
				return err
			}
		case err := <-readerDone:
			for {
				select {
				case msg := <-m.out:
					if err := send(msg); err != nil {
						return err
					}
				default:
					return err
				}
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// History sends up to req.Limit of the most recent messages, oldest first.
func (r *room) History(ctx context.Context, req *api.HistoryRequestT, send func(*api.MessageT) error) error {
	r.mu.Lock()
	h := r.history[max(0, len(r.history)-int(req.Limit)):]
	h = append([]*api.MessageT(nil), h...)
	r.mu.Unlock()
	for _, m := range h {
		if err := send(m); err != nil {
			return err
		}
	}
	return nil
}
