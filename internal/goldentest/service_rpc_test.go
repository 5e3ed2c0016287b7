package goldentest

// The rpc golden package (testdata/golden/rpc): services across namespaces
// and an included file, a file identifier on the root request table,
// snake_case method names and object-API payloads with structs, enums and
// unions, served and called over a real runtime.

import (
	"context"
	"iter"
	"reflect"
	"strings"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	rt "github.com/wsgen/wsgen/runtime"
	"github.com/wsgen/wsgen/testdata/golden/rpc"
)

// store implements rpc.StoreServer over a fixed catalogue.
type store struct{ items []*rpc.ItemT }

var _ rpc.StoreServer = (*store)(nil)

func (s *store) match(q *rpc.QueryT) []*rpc.ItemT {
	var out []*rpc.ItemT
	for _, it := range s.items {
		if strings.HasPrefix(it.Name, q.Prefix) && uint32(len(out)) < q.Limit {
			out = append(out, it)
		}
	}
	return out
}

func (s *store) GetItem(ctx context.Context, q *rpc.QueryT) (*rpc.ItemT, error) {
	if m := s.match(q); len(m) > 0 {
		return m[0], nil
	}
	return nil, rt.Errorf(rt.NotFound, "no item starts with %q", q.Prefix)
}

func (s *store) ListItems(ctx context.Context, q *rpc.QueryT, send func(*rpc.ItemT) error) error {
	for _, it := range s.match(q) {
		if err := send(it); err != nil {
			return err
		}
	}
	return nil
}

func (s *store) AddItems(ctx context.Context, reqs iter.Seq2[*rpc.ItemT, error]) (*rpc.AckT, error) {
	ack := &rpc.AckT{Total: &rpc.AmountT{}}
	for it, err := range reqs {
		if err != nil {
			return nil, err
		}
		ack.Count++
		if it.Price != nil {
			ack.Total.Units += it.Price.Units
		}
	}
	return ack, nil
}

func (s *store) Sync(ctx context.Context, reqs iter.Seq2[*rpc.ItemT, error], send func(*rpc.ItemT) error) error {
	for it, err := range reqs {
		if err != nil {
			return err
		}
		it.Id++
		if err := send(it); err != nil {
			return err
		}
	}
	return nil
}

// health implements rpc.HealthRawServer; ledger implements rpc.LedgerServer.
type health struct{}

func (health) Check(ctx context.Context, req *rpc.Corpus_Rpc_Status, reply *flatbuffers.Builder) error {
	note := reply.CreateString("checked")
	rpc.Corpus_Money_StatusStart(reply)
	rpc.Corpus_Money_StatusAddOk(reply, req.Serving())
	rpc.Corpus_Money_StatusAddNote(reply, note)
	rpc.FinishCorpus_Money_StatusBuffer(reply, rpc.Corpus_Money_StatusEnd(reply))
	return nil
}

type ledger struct{}

func (ledger) Balance(ctx context.Context, req *rpc.Corpus_Money_StatusT) (*rpc.Corpus_Money_StatusT, error) {
	return &rpc.Corpus_Money_StatusT{Ok: !req.Ok, Note: "balance:" + req.Note}, nil
}

func TestServiceRPCCorpus(t *testing.T) {
	checkGoroutines(t)
	book := &rpc.ItemT{Id: 1, Name: "go book", Kind: rpc.KindBook, Price: &rpc.AmountT{Units: 30, Nanos: 5},
		Detail: &rpc.DetailT{Type: rpc.DetailBook, Value: &rpc.BookT{Pages: 380}}}
	saw := &rpc.ItemT{Id: 2, Name: "saw", Kind: rpc.KindTool, Price: &rpc.AmountT{Units: 12},
		Detail: &rpc.DetailT{Type: rpc.DetailTool, Value: &rpc.ToolT{Weight: 1.5}}}
	gopher := &rpc.ItemT{Id: 3, Name: "go plush", Kind: rpc.KindTool, Price: &rpc.AmountT{Units: 9}}

	srv := rt.NewServer()
	for _, err := range []error{
		rpc.RegisterStoreServer(srv, &store{items: []*rpc.ItemT{book, saw, gopher}}),
		rpc.RegisterHealthRawServer(srv, health{}),
		rpc.RegisterLedgerServer(srv, ledger{}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	cc := serveMem(t, srv)
	ctx := ctxT(t)
	sc := rpc.NewStoreClient(cc)

	t.Run("unary object API across a union and a struct", func(t *testing.T) {
		got, err := sc.GetItem(ctx, &rpc.QueryT{Prefix: "go", Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, book) {
			t.Errorf("got %+v, want %+v", got, book)
		}
		_, err = sc.GetItem(ctx, &rpc.QueryT{Prefix: "zzz", Limit: 1})
		wantCode(t, err, rt.NotFound, true)
		if m := descOf(rpc.StoreServiceDesc, "get_item"); m == nil || !m.Idempotent || m.FullName != "/Corpus.Rpc.Store/get_item" {
			t.Errorf("get_item descriptor %+v", m)
		}
	})

	t.Run("file identifier is required on the root request table", func(t *testing.T) {
		b := cc.NewBuilder()
		p := b.CreateString("go")
		rpc.QueryStart(b)
		rpc.QueryAddPrefix(b, p)
		rpc.QueryAddLimit(b, 1)
		b.Finish(rpc.QueryEnd(b)) // no identifier
		_, _, err := sc.GetItemRaw(ctx, b)
		wantCode(t, err, rt.InvalidArgument, true)

		b = cc.NewBuilder()
		p = b.CreateString("sa")
		rpc.QueryStart(b)
		rpc.QueryAddPrefix(b, p)
		rpc.QueryAddLimit(b, 1)
		rpc.FinishQueryBuffer(b, rpc.QueryEnd(b))
		if !rpc.QueryBufferHasIdentifier(b.FinishedBytes()) {
			t.Fatal("FinishQueryBuffer wrote no identifier")
		}
		view, reply, err := sc.GetItemRaw(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		defer reply.Release()
		if view.Id() != 2 || view.Kind() != rpc.KindTool || view.Price(nil).Units() != 12 {
			t.Errorf("got item %d kind %v", view.Id(), view.Kind())
		}
	})

	t.Run("server stream with a limit", func(t *testing.T) {
		call, err := sc.ListItems(ctx, &rpc.QueryT{Prefix: "go", Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		var ids []uint64
		for it, err := range call.All() {
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, it.Id)
		}
		if !reflect.DeepEqual(ids, []uint64{1, 3}) {
			t.Errorf("ids %v", ids)
		}
	})

	t.Run("client stream", func(t *testing.T) {
		call, err := sc.AddItems(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range []*rpc.ItemT{book, saw, gopher} {
			if err := call.Send(it); err != nil {
				t.Fatal(err)
			}
		}
		ack, err := call.CloseAndRecv()
		if err != nil {
			t.Fatal(err)
		}
		if ack.Count != 3 || ack.Total.Units != 51 {
			t.Errorf("ack %+v total %+v", ack, ack.Total)
		}
	})

	t.Run("bidi round-trips unions", func(t *testing.T) {
		call, err := sc.Sync(ctx)
		if err != nil {
			t.Fatal(err)
		}
		go func() {
			for _, it := range []*rpc.ItemT{book, saw} {
				c := *it
				call.Send(&c)
			}
			call.CloseSend()
		}()
		var got []*rpc.ItemT
		for it, err := range call.All() {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, it)
		}
		if len(got) != 2 || got[0].Id != 2 || got[1].Id != 3 ||
			got[0].Detail.Value.(*rpc.BookT).Pages != 380 || got[1].Detail.Value.(*rpc.ToolT).Weight != 1.5 {
			t.Errorf("got %+v", got)
		}
	})

	t.Run("namespace-prefixed names and a service from an included file", func(t *testing.T) {
		st, err := rpc.NewHealthClient(cc).Check(ctx, &rpc.Corpus_Rpc_StatusT{Serving: true})
		if err != nil {
			t.Fatal(err)
		}
		if !st.Ok || st.Note != "checked" {
			t.Errorf("health %+v", st)
		}
		bal, err := rpc.NewLedgerClient(cc).Balance(ctx, &rpc.Corpus_Money_StatusT{Note: "x"})
		if err != nil {
			t.Fatal(err)
		}
		if !bal.Ok || bal.Note != "balance:x" {
			t.Errorf("ledger %+v", bal)
		}
		if rpc.LedgerServiceName != "Corpus.Money.Ledger" || rpc.HealthServiceName != "Corpus.Rpc.Health" {
			t.Error("service names")
		}
	})
}

// descOf returns the method named name (as written in the schema).
func descOf(sd rt.ServiceDesc, name string) *rt.MethodDesc {
	for i := range sd.Methods {
		if sd.Methods[i].Name == name {
			return &sd.Methods[i]
		}
	}
	return nil
}
