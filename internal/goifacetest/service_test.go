package goifacetest

import (
	"context"
	"errors"
	"iter"
	"math/rand/v2"
	"reflect"
	goruntime "runtime"
	"strconv"
	"testing"
	"time"

	"github.com/wsgen/wsgen/runtime"
	"github.com/wsgen/wsgen/testdata/goservices/kitchen"
)

// kitchenImpl implements both golden services. seen receives every
// request Put and Store get, for comparison with what the client sent.
type kitchenImpl struct {
	seen chan any
}

var (
	_ kitchen.Kitchen = kitchenImpl{}
	_ kitchen.Archive = kitchenImpl{}
)

func (k kitchenImpl) Put(ctx context.Context, it *kitchen.Item) (*kitchen.Receipt, error) {
	switch it.ID {
	case "fail":
		return nil, runtime.NewError(runtime.FailedPrecondition, "asked to fail")
	case "md":
		return &kitchen.Receipt{IDs: []string{runtime.IncomingMetadata(ctx).Get("x-key")}}, nil
	}
	k.seen <- it
	return &kitchen.Receipt{Count: 1, IDs: []string{it.ID}, At: it.Created}, nil
}

// Watch yields q.Limit items named Prefix0, Prefix1...; the prefix "fail"
// fails after the first, "forever" never ends before the call does.
func (k kitchenImpl) Watch(ctx context.Context, q *kitchen.Query) iter.Seq2[*kitchen.Item, error] {
	return func(yield func(*kitchen.Item, error) bool) {
		for i := 0; q.Prefix == "forever" || i < int(q.Limit); i++ {
			if ctx.Err() != nil {
				yield(nil, ctx.Err())
				return
			}
			if q.Prefix == "fail" && i == 1 {
				yield(nil, runtime.NewError(runtime.DataLoss, "lost"))
				return
			}
			if !yield(&kitchen.Item{ID: q.Prefix + strconv.Itoa(i), Count: uint32(i)}, nil) {
				return
			}
		}
	}
}

func (k kitchenImpl) Upload(ctx context.Context, items iter.Seq2[*kitchen.Item, error]) (*kitchen.Receipt, error) {
	r := &kitchen.Receipt{}
	for it, err := range items {
		if err != nil {
			return nil, err
		}
		r.Count++
		r.IDs = append(r.IDs, it.ID)
	}
	return r, nil
}

// Echo answers every item with itself.
func (k kitchenImpl) Echo(ctx context.Context, items iter.Seq2[*kitchen.Item, error]) iter.Seq2[*kitchen.Item, error] {
	return items
}

func (k kitchenImpl) Store(ctx context.Context, v *kitchen.Versioned) (*kitchen.Retired, error) {
	return &kitchen.Retired{Name: v.Name, Note: v.Email + "/" + strconv.Itoa(int(v.Age))}, nil
}

func (k kitchenImpl) Replay(ctx context.Context, items iter.Seq2[*kitchen.Item, error]) iter.Seq2[*kitchen.Item, error] {
	return func(yield func(*kitchen.Item, error) bool) {
		for it, err := range items {
			if err != nil {
				yield(nil, err)
				return
			}
			it.Count *= 2
			if !yield(it, nil) {
				return
			}
		}
	}
}

type clients struct {
	kitchen *kitchen.KitchenClient
	archive *kitchen.ArchiveClient
	seen    chan any
}

// start serves both services over the in-memory transport and returns the
// generated clients; everything is closed, and goroutines checked, when t
// ends.
func start(t *testing.T, serverOpts ...runtime.Option) clients {
	t.Helper()
	before := goruntime.NumGoroutine()
	impl := kitchenImpl{seen: make(chan any, 100)}
	srv := runtime.NewServer(serverOpts...)
	if err := kitchen.RegisterKitchenServer(srv, impl); err != nil {
		t.Fatal(err)
	}
	if err := kitchen.RegisterArchiveServer(srv, impl); err != nil {
		t.Fatal(err)
	}
	l := runtime.NewMemListener()
	served := make(chan struct{})
	go func() {
		defer close(served)
		srv.Serve(l)
	}()
	cc, err := runtime.Dial(context.Background(), "ws://mem/", runtime.WithContextDialer(l.DialContext))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cc.Close()
		srv.Close()
		<-served
		deadline := time.Now().Add(5 * time.Second)
		for goruntime.NumGoroutine() > before {
			if time.Now().After(deadline) {
				t.Errorf("goroutines leaked: %d before, %d after", before, goruntime.NumGoroutine())
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
	return clients{kitchen.NewKitchenClient(cc), kitchen.NewArchiveClient(cc), impl.seen}
}

func TestUnaryRoundTrip(t *testing.T) {
	c := start(t)
	var k kitchen.Kitchen = c.kitchen // the client satisfies the interface
	g := &gen{r: rand.New(rand.NewPCG(7, 8))}
	for range 50 {
		it := g.item()
		r, err := k.Put(context.Background(), it)
		if err != nil {
			t.Fatal(err)
		}
		if got := <-c.seen; !reflect.DeepEqual(got, it) {
			t.Fatalf("server got %+v\nclient sent %+v", got, it)
		}
		if want := (&kitchen.Receipt{Count: 1, IDs: []string{it.ID}, At: it.Created}); !reflect.DeepEqual(r, want) {
			t.Fatalf("receipt %+v, want %+v", r, want)
		}
	}
	r, err := c.archive.Store(context.Background(), &kitchen.Versioned{Name: "n", Email: "e", Age: 3})
	if err != nil || *r != (kitchen.Retired{Name: "n", Note: "e/3"}) {
		t.Fatalf("Store = %+v, %v", r, err)
	}
}

func TestUnaryError(t *testing.T) {
	c := start(t)
	_, err := c.kitchen.Put(context.Background(), &kitchen.Item{ID: "fail"})
	if runtime.CodeOf(err) != runtime.FailedPrecondition {
		t.Fatalf("err = %v, want FailedPrecondition", err)
	}
}

// TestMetadata: request metadata travels in the context the generated
// client is called with.
func TestMetadata(t *testing.T) {
	c := start(t)
	ctx := runtime.NewOutgoingContext(context.Background(), runtime.Pairs("x-key", "v1"))
	r, err := c.kitchen.Put(ctx, &kitchen.Item{ID: "md"})
	if err != nil || len(r.IDs) != 1 || r.IDs[0] != "v1" {
		t.Fatalf("Put = %+v, %v; want the metadata echoed", r, err)
	}
}

func TestServerStream(t *testing.T) {
	c := start(t)
	cases := []struct {
		name    string
		q       kitchen.Query
		want    int
		errCode runtime.Code
	}{
		{"none", kitchen.Query{Prefix: "a"}, 0, runtime.OK},
		{"some", kitchen.Query{Prefix: "a", Limit: 5}, 5, runtime.OK},
		{"fails after one", kitchen.Query{Prefix: "fail", Limit: 5}, 1, runtime.DataLoss},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n, code := 0, runtime.OK
			for it, err := range c.kitchen.Watch(context.Background(), &tc.q) {
				if err != nil {
					code = runtime.CodeOf(err)
					continue
				}
				if want := tc.q.Prefix + strconv.Itoa(n); it.ID != want || it.Count != uint32(n) {
					t.Errorf("item %d = %+v, want ID %s", n, it, want)
				}
				n++
			}
			if n != tc.want || code != tc.errCode {
				t.Errorf("got %d items and %v, want %d and %v", n, code, tc.want, tc.errCode)
			}
		})
	}
	t.Run("break early", func(t *testing.T) {
		n := 0
		for range c.kitchen.Watch(context.Background(), &kitchen.Query{Prefix: "forever"}) {
			if n++; n == 3 {
				break
			}
		}
	})
	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		var last error
		for _, err := range c.kitchen.Watch(ctx, &kitchen.Query{Prefix: "forever"}) {
			last = err
		}
		if runtime.CodeOf(last) != runtime.DeadlineExceeded {
			t.Errorf("last error %v, want DeadlineExceeded", last)
		}
	})
}

// items yields n random items, then err if not nil.
func items(g *gen, n int, err error) (iter.Seq2[*kitchen.Item, error], []*kitchen.Item) {
	var all []*kitchen.Item
	for range n {
		all = append(all, g.item())
	}
	return func(yield func(*kitchen.Item, error) bool) {
		for _, it := range all {
			if !yield(it, nil) {
				return
			}
		}
		if err != nil {
			yield(nil, err)
		}
	}, all
}

func TestClientStream(t *testing.T) {
	c := start(t)
	g := &gen{r: rand.New(rand.NewPCG(9, 10))}
	seq, sent := items(g, 20, nil)
	r, err := c.kitchen.Upload(context.Background(), seq)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, it := range sent {
		ids = append(ids, it.ID)
	}
	if r.Count != 20 || !reflect.DeepEqual(r.IDs, ids) {
		t.Errorf("receipt %+v, want 20 items %q", r, ids)
	}
	r, err = c.kitchen.Upload(context.Background(), func(func(*kitchen.Item, error) bool) {})
	if err != nil || r.Count != 0 {
		t.Errorf("empty upload = %+v, %v", r, err)
	}
	boom := errors.New("the source failed")
	seq, _ = items(g, 3, boom)
	if _, err := c.kitchen.Upload(context.Background(), seq); !errors.Is(err, boom) {
		t.Errorf("err = %v, want the request iterator's error", err)
	}
}

func TestBidiRoundTrip(t *testing.T) {
	c := start(t)
	g := &gen{r: rand.New(rand.NewPCG(11, 12))}
	seq, sent := items(g, 30, nil)
	var got []*kitchen.Item
	for it, err := range c.kitchen.Echo(context.Background(), seq) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, it)
	}
	if !reflect.DeepEqual(got, sent) {
		t.Fatalf("echoed items differ from the sent ones")
	}
	seq, sent = items(g, 4, nil)
	n := 0
	for it, err := range c.archive.Replay(context.Background(), seq) {
		if err != nil {
			t.Fatal(err)
		}
		if it.Count != sent[n].Count*2 {
			t.Errorf("Replay %d: count %d, want %d", n, it.Count, sent[n].Count*2)
		}
		n++
	}
	boom := errors.New("the source failed")
	seq, _ = items(g, 2, boom)
	var last error
	for _, err := range c.kitchen.Echo(context.Background(), seq) {
		last = err
	}
	if !errors.Is(last, boom) {
		t.Errorf("last error %v, want the request iterator's error", last)
	}
	t.Run("break early", func(t *testing.T) {
		seq, _ := items(g, 10, nil)
		for range c.kitchen.Echo(context.Background(), seq) {
			break
		}
	})
}

// TestRequestTooLarge: a request over the server's size limit fails the
// call with an error in every shape; nothing waits for an answer that
// cannot come.
func TestRequestTooLarge(t *testing.T) {
	big := &kitchen.Item{Data: make([]byte, 4<<10)}
	one := func(yield func(*kitchen.Item, error) bool) { yield(big, nil) }
	last := func(seq iter.Seq2[*kitchen.Item, error]) (err error) {
		for _, e := range seq {
			err = e
		}
		return err
	}
	shapes := []struct {
		name string
		call func(ctx context.Context, c clients) error
	}{
		{"unary", func(ctx context.Context, c clients) error { _, err := c.kitchen.Put(ctx, big); return err }},
		{"client stream", func(ctx context.Context, c clients) error { _, err := c.kitchen.Upload(ctx, one); return err }},
		{"bidi", func(ctx context.Context, c clients) error { return last(c.kitchen.Echo(ctx, one)) }},
		{"server stream", func(ctx context.Context, c clients) error {
			return last(c.kitchen.Watch(ctx, &kitchen.Query{Prefix: string(make([]byte, 4<<10))}))
		}},
	}
	for _, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			c := start(t, runtime.WithMaxMessageSize(1<<10))
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := sh.call(ctx, c); err == nil || runtime.CodeOf(err) == runtime.DeadlineExceeded {
				t.Errorf("err = %v, want the size error", err)
			}
		})
	}
}
