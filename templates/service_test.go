package templates

import (
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/wsgen/wsgen/schema"
)

// svcModel is a small hand-built schema for the service emitter's snippet
// tests:
//
//	namespace Shop;
//	table Query {}  table Item {}
//	namespace Other; table Item {}            // Item twice: prefixed Go names
//	namespace Shop;
//	/// Store sells.
//	rpc_service Store {
//	  /// Looks up.
//	  get_item(Query): Shop.Item (idempotent);
//	  List(Query): Other.Item (streaming: "server");
//	  Add(Shop.Item): Query (streaming: "client");
//	  Sync(Query): Query (streaming: "bidi");
//	}
//	rpc_service Health { Check(Query): Query; }   // same file: one version check
func svcModel() *schema.Schema {
	file := &schema.File{Path: "shop.fbs", Input: true}
	d := func(name string, ns ...string) schema.Decl { return schema.Decl{Name: name, Namespace: ns, File: file} }
	query := &schema.Table{Decl: d("Query", "Shop")}
	item := &schema.Table{Decl: d("Item", "Shop")}
	otherItem := &schema.Table{Decl: d("Item", "Other")}
	store := &schema.Service{Decl: d("Store", "Shop"), Methods: []*schema.Method{
		{Name: "get_item", Request: query, Response: item, Idempotent: true, Doc: []string{"Looks up."}},
		{Name: "List", Request: query, Response: otherItem, Streaming: schema.StreamServer},
		{Name: "Add", Request: item, Response: query, Streaming: schema.StreamClient},
		{Name: "Sync", Request: query, Response: query, Streaming: schema.StreamBidi},
	}}
	store.Doc = []string{"Store sells."}
	health := &schema.Service{Decl: d("Health", "Shop"), Methods: []*schema.Method{
		{Name: "Check", Request: query, Response: query},
	}}
	return &schema.Schema{
		Files:    []*schema.File{file},
		Tables:   []*schema.Table{query, item, otherItem},
		Services: []*schema.Service{store, health},
	}
}

func TestServiceEmitters(t *testing.T) {
	s := svcModel()
	store, health := s.Services[0], s.Services[1]
	svcOf := func(g *gen, sv *schema.Service) (svc, []rpcMethod) {
		return svc{sv: sv, name: g.names.Of(&sv.Decl)}, g.methods(sv)
	}
	tests := []struct {
		name string
		emit func(g *gen, f *jen.File)
		want []string // snippets that must appear, compared after squash
		not  []string // snippets that must not appear
	}{
		{
			name: "version check once per file",
			emit: func(g *gen, f *jen.File) { g.serviceVersionCheck(f, store); g.serviceVersionCheck(f, health) },
			want: []string{"const _ = runtime.SupportPackageIsVersion1"},
		},
		{
			name: "descriptors",
			emit: func(g *gen, f *jen.File) { sv, ms := svcOf(g, store); g.serviceDescs(f, sv, ms) },
			want: []string{
				`const StoreServiceName = "Shop.Store"`,
				"var StoreServiceDesc = runtime.ServiceDesc{ Name: StoreServiceName, HandlerType: (*StoreServer)(nil), Methods: []runtime.MethodDesc{ {",
				`Name: "get_item", FullName: "/Shop.Store/get_item", Kind: runtime.Unary, Idempotent: true, VerifyRequest: VerifyQueryBufferUntrusted, VerifyResponse: VerifyShop_ItemBufferUntrusted, Unary: storeGetItemHandler, },`,
				`Name: "List", FullName: "/Shop.Store/List", Kind: runtime.ServerStream, VerifyRequest: VerifyQueryBufferUntrusted, VerifyResponse: VerifyOther_ItemBufferUntrusted, Stream: storeListHandler, },`,
				"Kind: runtime.ClientStream,",
				"Kind: runtime.BidiStream, VerifyRequest: VerifyQueryBufferUntrusted, VerifyResponse: VerifyQueryBufferUntrusted, Stream: storeSyncHandler, }, }, }",
				"var StoreRawServiceDesc = runtime.ServiceDesc{ Name: StoreServiceName, HandlerType: (*StoreRawServer)(nil),",
				"Unary: storeGetItemRawHandler,",
			},
			not: []string{`Kind: runtime.ServerStream, Idempotent: true`},
		},
		{
			name: "object API server interface",
			emit: func(g *gen, f *jen.File) { sv, ms := svcOf(g, store); g.serverInterface(f, sv, ms) },
			want: []string{
				"type StoreServer interface {",
				"// GetItem serves a unary call. // // Looks up. GetItem(ctx context.Context, req *QueryT) (*Shop_ItemT, error)",
				"List(ctx context.Context, req *QueryT, send func(*Other_ItemT) error) error",
				"Add(ctx context.Context, reqs iter.Seq2[*Shop_ItemT, error]) (*QueryT, error)",
				"Sync(ctx context.Context, reqs iter.Seq2[*QueryT, error], send func(*QueryT) error) error",
				"// // Store sells. type StoreServer",
			},
		},
		{
			name: "zero-copy server interface",
			emit: func(g *gen, f *jen.File) { sv, ms := svcOf(g, store); g.rawServerInterface(f, sv, ms) },
			want: []string{
				"GetItem(ctx context.Context, req *Query, reply *flatbuffers.Builder) error",
				"List(ctx context.Context, req *Query, stream runtime.ServerStreamer) error",
				"Add(ctx context.Context, reqs iter.Seq2[*Shop_Item, error], reply *flatbuffers.Builder) error",
				"Sync(ctx context.Context, reqs iter.Seq2[*Query, error], stream runtime.ServerStreamer) error",
			},
		},
		{
			name: "registration",
			emit: func(g *gen, f *jen.File) { sv, _ := svcOf(g, store); g.serviceRegister(f, sv) },
			want: []string{
				"func RegisterStoreServer(s *runtime.Server, impl StoreServer) error { return s.Register(&StoreServiceDesc, impl) }",
				"func RegisterStoreRawServer(s *runtime.Server, impl StoreRawServer) error { return s.Register(&StoreRawServiceDesc, impl) }",
			},
		},
		{
			name: "unary handlers",
			emit: func(g *gen, f *jen.File) {
				sv, ms := svcOf(g, store)
				g.serverHandler(f, sv, ms[0])
				g.rawServerHandler(f, sv, ms[0])
			},
			want: []string{
				"func storeGetItemHandler(srv any, ctx context.Context, req []byte, reply *flatbuffers.Builder) error { rsp, err := srv.(StoreServer).GetItem(ctx, GetRootAsQuery(req, 0).UnPack())",
				"if rsp == nil { rsp = &Shop_ItemT{} } FinishShop_ItemBuffer(reply, rsp.Pack(reply)) return nil }",
				"func storeGetItemRawHandler(srv any, ctx context.Context, req []byte, reply *flatbuffers.Builder) error { return srv.(StoreRawServer).GetItem(ctx, GetRootAsQuery(req, 0), reply) }",
			},
		},
		{
			name: "server-stream handlers",
			emit: func(g *gen, f *jen.File) {
				sv, ms := svcOf(g, store)
				g.serverHandler(f, sv, ms[1])
				g.rawServerHandler(f, sv, ms[1])
			},
			want: []string{
				`req, err := stream.Recv() if err == io.EOF { err = runtime.NewError(runtime.InvalidArgument, "the client sent no request") }`,
				"return srv.(StoreServer).List(stream.Context(), GetRootAsQuery(req, 0).UnPack(), func(rsp *Other_ItemT) error { if rsp == nil { rsp = &Other_ItemT{} } b := stream.NewBuilder() FinishOther_ItemBuffer(b, rsp.Pack(b)) return stream.Send(b) })",
				"return srv.(StoreRawServer).List(stream.Context(), GetRootAsQuery(req, 0), stream)",
			},
		},
		{
			name: "client-stream handlers",
			emit: func(g *gen, f *jen.File) {
				sv, ms := svcOf(g, store)
				g.serverHandler(f, sv, ms[2])
				g.rawServerHandler(f, sv, ms[2])
			},
			want: []string{
				"rsp, err := srv.(StoreServer).Add(stream.Context(), func(yield func(*Shop_ItemT, error) bool) { for req, err := range runtime.Messages(stream.Recv) { if err != nil { yield(nil, err) return } if !yield(GetRootAsShop_Item(req, 0).UnPack(), nil) { return } } })",
				"b := stream.NewBuilder() FinishQueryBuffer(b, rsp.Pack(b)) return stream.Send(b)",
				"reply := stream.NewBuilder() if err := srv.(StoreRawServer).Add(stream.Context(), func(yield func(*Shop_Item, error) bool) { var v Shop_Item for req, err := range runtime.Messages(stream.Recv) {",
				"v.Init(req, flatbuffers.GetUOffsetT(req)) if !yield(&v, nil) { return }",
				"}, reply); err != nil { return err } return stream.Send(reply)",
			},
		},
		{
			name: "client",
			emit: func(g *gen, f *jen.File) { sv, ms := svcOf(g, store); g.client(f, sv, ms) },
			want: []string{
				"type StoreClient struct { cc *runtime.ClientConn }",
				"func NewStoreClient(cc *runtime.ClientConn) *StoreClient { return &StoreClient{cc: cc} }",
				"func (c *StoreClient) GetItem(ctx context.Context, req *QueryT, opts ...runtime.CallOption) (*Shop_ItemT, error) { if req == nil { req = &QueryT{} } b := c.cc.NewBuilder() FinishQueryBuffer(b, req.Pack(b)) reply, err := c.cc.Invoke(ctx, &StoreServiceDesc.Methods[0], b, opts...)",
				"defer reply.Release() return GetRootAsShop_Item(reply.Bytes(), 0).UnPack(), nil }",
				"func (c *StoreClient) GetItemRaw(ctx context.Context, req *flatbuffers.Builder, opts ...runtime.CallOption) (*Shop_Item, runtime.Reply, error) {",
				"func (c *StoreClient) List(ctx context.Context, req *QueryT, opts ...runtime.CallOption) (*StoreListCall, error) {",
				"return c.ListRaw(ctx, b, opts...)",
				"stream, err := c.cc.NewStream(ctx, &StoreServiceDesc.Methods[1], opts...)",
				"func (c *StoreClient) Add(ctx context.Context, opts ...runtime.CallOption) (*StoreAddCall, error) {",
				"func (c *StoreClient) Sync(ctx context.Context, opts ...runtime.CallOption) (*StoreSyncCall, error) {",
			},
			not: []string{"AddRaw", "SyncRaw"},
		},
		{
			name: "server-stream call",
			emit: func(g *gen, f *jen.File) { sv, ms := svcOf(g, store); g.callType(f, sv, ms[1]) },
			want: []string{
				"type StoreListCall struct { stream runtime.ClientStreamer view Other_Item",
				"func (c *StoreListCall) Recv() (*Other_ItemT, error)",
				"func (c *StoreListCall) RecvView() (*Other_Item, error) { buf, err := c.stream.Recv() if err != nil { return nil, err } c.view.Init(buf, flatbuffers.GetUOffsetT(buf)) return &c.view, nil }",
				"func (c *StoreListCall) All() iter.Seq2[*Other_ItemT, error]",
				"if !yield(rsp, nil) { c.stream.Cancel() return }",
				"func (c *StoreListCall) Views() iter.Seq2[*Other_Item, error]",
				"func (c *StoreListCall) Header() (runtime.Metadata, error)",
				"func (c *StoreListCall) Trailer() runtime.Metadata",
				"func (c *StoreListCall) Cancel()",
			},
			not: []string{") Send(", "CloseSend", "CloseAndRecv"},
		},
		{
			name: "client-stream call",
			emit: func(g *gen, f *jen.File) { sv, ms := svcOf(g, store); g.callType(f, sv, ms[2]) },
			want: []string{
				"func (c *StoreAddCall) Send(req *Shop_ItemT) error { if req == nil { req = &Shop_ItemT{} } b := c.stream.NewBuilder() FinishShop_ItemBuffer(b, req.Pack(b)) return c.stream.Send(b) }",
				"func (c *StoreAddCall) SendBuilder(b *flatbuffers.Builder) error",
				"func (c *StoreAddCall) CloseAndRecvView() (*Query, error)",
				"func (c *StoreAddCall) CloseAndRecv() (*QueryT, error)",
				`err = runtime.NewError(runtime.Internal, "the server sent more than one response")`,
			},
			not: []string{") All(", ") Recv(", ") CloseSend("},
		},
		{
			name: "bidi call",
			emit: func(g *gen, f *jen.File) { sv, ms := svcOf(g, store); g.callType(f, sv, ms[3]) },
			want: []string{
				"func (c *StoreSyncCall) Send(req *QueryT) error",
				"func (c *StoreSyncCall) CloseSend() error { return c.stream.CloseSend() }",
				"func (c *StoreSyncCall) All() iter.Seq2[*QueryT, error]",
			},
			not: []string{"CloseAndRecv"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := renderSnip(t, s, tc.emit)
			for _, w := range tc.want {
				if !strings.Contains(got, squash(w)) {
					t.Errorf("missing:\n%s\nin:\n%s", w, got)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, squash(n)) {
					t.Errorf("unexpected %q in:\n%s", n, got)
				}
			}
		})
	}
}

// TestServiceVersionCheckPerFile: the check is emitted before the first
// service of each file, and only there.
func TestServiceVersionCheckPerFile(t *testing.T) {
	s := svcModel()
	got := renderSnip(t, s, func(g *gen, f *jen.File) {
		for _, sv := range s.Services {
			g.service(f, sv)
		}
	})
	if n := strings.Count(got, "SupportPackageIsVersion1"); n != 1 {
		t.Errorf("version check %d times in one file, want 1", n)
	}
	second := &schema.File{Path: "health.fbs", Input: true}
	s.Services[1].File = second
	s.Files = append(s.Files, second)
	got = renderSnip(t, s, func(g *gen, f *jen.File) { g.service(f, s.Services[1]) })
	if n := strings.Count(got, "SupportPackageIsVersion1"); n != 1 {
		t.Errorf("version check %d times for the first service of a second file, want 1", n)
	}
}

// TestServiceMethodNames: Go names of methods are exported and unique in
// the client, whose unary and server-streaming methods also have a Raw form.
func TestServiceMethodNames(t *testing.T) {
	file := &schema.File{Path: "n.fbs", Input: true}
	a := &schema.Table{Decl: schema.Decl{Name: "A", File: file}}
	method := func(name string, k schema.StreamKind) *schema.Method {
		return &schema.Method{Name: name, Request: a, Response: a, Streaming: k}
	}
	tests := []struct {
		name    string
		methods []*schema.Method
		want    []string
	}{
		{"camel case", []*schema.Method{method("get_item", schema.StreamNone), method("List", schema.StreamServer)}, []string{"GetItem", "List"}},
		{"leading underscore", []*schema.Method{method("_ping", schema.StreamNone), method("__x", schema.StreamBidi)}, []string{"XPing", "XX"}},
		{"Raw form taken first", []*schema.Method{method("GetRaw", schema.StreamNone), method("Get", schema.StreamNone)}, []string{"GetRaw", "Get_"}},
		{"Raw form taken later", []*schema.Method{method("Get", schema.StreamServer), method("GetRaw", schema.StreamNone)}, []string{"Get", "GetRaw_"}},
		{"no Raw form for client streams", []*schema.Method{method("Up", schema.StreamClient), method("UpRaw", schema.StreamBidi)}, []string{"Up", "UpRaw"}},
		{"same UpperCamel", []*schema.Method{method("get_item", schema.StreamBidi), method("GetItem", schema.StreamBidi)}, []string{"GetItem", "GetItem_"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sv := &schema.Service{Decl: schema.Decl{Name: "S", File: file}, Methods: tc.methods}
			s := &schema.Schema{Files: []*schema.File{file}, Tables: []*schema.Table{a}, Services: []*schema.Service{sv}}
			g := &gen{s: s, names: NewNames(s), opts: Options{Package: "snip"}}
			var got []string
			for _, m := range g.methods(sv) {
				got = append(got, m.name)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			// The whole service renders and parses with these names.
			renderSnip(t, s, func(g *gen, f *jen.File) { g.service(f, sv) })
		})
	}
}
