package goldentest

// The registry of every table of the golden packages, for the verifier
// tests: how to verify, read, build and fill each.

import (
	"math/rand/v2"
	"reflect"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/internal/goldentest/verifyextra"
	"github.com/wsgen/wsgen/testdata/golden/enums"
	"github.com/wsgen/wsgen/testdata/golden/misc"
	"github.com/wsgen/wsgen/testdata/golden/namespaces"
	"github.com/wsgen/wsgen/testdata/golden/rpc"
	"github.com/wsgen/wsgen/testdata/golden/scalars"
	"github.com/wsgen/wsgen/testdata/golden/service"
	"github.com/wsgen/wsgen/testdata/golden/structs"
	"github.com/wsgen/wsgen/testdata/golden/unionmembers"
	"github.com/wsgen/wsgen/testdata/golden/unions"
	"github.com/wsgen/wsgen/testdata/golden/vectors"
	kitchen "github.com/wsgen/wsgen/testdata/goservices/kitchen/fbsview"
)

// goldenTable is one generated table and its generated functions.
type goldenTable struct {
	name        string
	verify      func([]byte) error
	verifySized func([]byte) error
	// verifyUntrusted is VerifyXBufferUntrusted, the verifier of RPC
	// payloads.
	verifyUntrusted func([]byte) error
	// root and sizedRoot return the accessor (*X) of the root of a buffer.
	root, sizedRoot func([]byte) reflect.Value
	// pack packs a random object of the table into b.
	pack func(f *filler, b *flatbuffers.Builder) flatbuffers.UOffsetT
	// finish and finishSized finish b with root as the buffer's root,
	// with the schema's file identifier if the table is its root.
	finish, finishSized func(b *flatbuffers.Builder, root flatbuffers.UOffsetT)
}

// build packs a random object of the table into a finished buffer.
func (g goldenTable) build(f *filler, sized bool) []byte {
	b := flatbuffers.NewBuilder(0)
	off := g.pack(f, b)
	if sized {
		g.finishSized(b, off)
	} else {
		g.finish(b, off)
	}
	return b.FinishedBytes()
}

// withDepth returns g building objects nested at most depth levels deep
// (for recursive tables).
func (g goldenTable) withDepth(depth int) goldenTable {
	pack := g.pack
	g.pack = func(f *filler, b *flatbuffers.Builder) flatbuffers.UOffsetT {
		saved := f.maxDepth
		f.maxDepth = depth
		defer func() { f.maxDepth = saved }()
		return pack(f, b)
	}
	return g
}

// packer is what every generated object type (XT) implements.
type packer interface {
	Pack(*flatbuffers.Builder) flatbuffers.UOffsetT
}

// table registers table A (accessor) with object type T.
func table[A any, T any, PT interface {
	*T
	packer
}](
	name string,
	verify, verifySized, verifyUntrusted func([]byte) error,
	root, sizedRoot func([]byte, flatbuffers.UOffsetT) *A,
	finish, finishSized func(*flatbuffers.Builder, flatbuffers.UOffsetT),
	fix func(*T),
) goldenTable {
	return goldenTable{
		name: name, verify: verify, verifySized: verifySized, verifyUntrusted: verifyUntrusted,
		root:      func(b []byte) reflect.Value { return reflect.ValueOf(root(b, 0)) },
		sizedRoot: func(b []byte) reflect.Value { return reflect.ValueOf(sizedRoot(b, 0)) },
		pack: func(f *filler, b *flatbuffers.Builder) flatbuffers.UOffsetT {
			obj := new(T)
			f.fill(reflect.ValueOf(obj).Elem(), 0)
			if fix != nil {
				fix(obj)
			}
			return PT(obj).Pack(b)
		},
		finish: finish, finishSized: finishSized,
	}
}

// goldenTables lists every table of the golden packages; the root tables
// of their schemas come first in each package.
func goldenTables() []goldenTable {
	return []goldenTable{
		table[enums.Palette, enums.PaletteT]("enums.Palette", enums.VerifyPaletteBuffer, enums.VerifySizePrefixedPaletteBuffer, enums.VerifyPaletteBufferUntrusted,
			enums.GetRootAsPalette, enums.GetSizePrefixedRootAsPalette, enums.FinishPaletteBuffer, enums.FinishSizePrefixedPaletteBuffer, nil),

		table[namespaces.Map, namespaces.MapT]("namespaces.Map", namespaces.VerifyMapBuffer, namespaces.VerifySizePrefixedMapBuffer, namespaces.VerifyMapBufferUntrusted,
			namespaces.GetRootAsMap, namespaces.GetSizePrefixedRootAsMap, namespaces.FinishMapBuffer, namespaces.FinishSizePrefixedMapBuffer, nil),
		table[namespaces.Zone, namespaces.ZoneT]("namespaces.Zone", namespaces.VerifyZoneBuffer, namespaces.VerifySizePrefixedZoneBuffer, namespaces.VerifyZoneBufferUntrusted,
			namespaces.GetRootAsZone, namespaces.GetSizePrefixedRootAsZone, namespaces.FinishZoneBuffer, namespaces.FinishSizePrefixedZoneBuffer, nil),
		table[namespaces.Region, namespaces.RegionT]("namespaces.Region", namespaces.VerifyRegionBuffer, namespaces.VerifySizePrefixedRegionBuffer, namespaces.VerifyRegionBufferUntrusted,
			namespaces.GetRootAsRegion, namespaces.GetSizePrefixedRootAsRegion, namespaces.FinishRegionBuffer, namespaces.FinishSizePrefixedRegionBuffer, nil),
		table[namespaces.Corpus_Geo_Item, namespaces.Corpus_Geo_ItemT]("namespaces.Corpus_Geo_Item",
			namespaces.VerifyCorpus_Geo_ItemBuffer, namespaces.VerifySizePrefixedCorpus_Geo_ItemBuffer, namespaces.VerifyCorpus_Geo_ItemBufferUntrusted,
			namespaces.GetRootAsCorpus_Geo_Item, namespaces.GetSizePrefixedRootAsCorpus_Geo_Item,
			namespaces.FinishCorpus_Geo_ItemBuffer, namespaces.FinishSizePrefixedCorpus_Geo_ItemBuffer, nil),
		table[namespaces.Corpus_Common_Item, namespaces.Corpus_Common_ItemT]("namespaces.Corpus_Common_Item",
			namespaces.VerifyCorpus_Common_ItemBuffer, namespaces.VerifySizePrefixedCorpus_Common_ItemBuffer, namespaces.VerifyCorpus_Common_ItemBufferUntrusted,
			namespaces.GetRootAsCorpus_Common_Item, namespaces.GetSizePrefixedRootAsCorpus_Common_Item,
			namespaces.FinishCorpus_Common_ItemBuffer, namespaces.FinishSizePrefixedCorpus_Common_ItemBuffer, nil),

		table[scalars.Reading, scalars.ReadingT]("scalars.Reading", scalars.VerifyReadingBuffer, scalars.VerifySizePrefixedReadingBuffer, scalars.VerifyReadingBufferUntrusted,
			scalars.GetRootAsReading, scalars.GetSizePrefixedRootAsReading, scalars.FinishReadingBuffer, scalars.FinishSizePrefixedReadingBuffer, nil),
		table[scalars.Plain, scalars.PlainT]("scalars.Plain", scalars.VerifyPlainBuffer, scalars.VerifySizePrefixedPlainBuffer, scalars.VerifyPlainBufferUntrusted,
			scalars.GetRootAsPlain, scalars.GetSizePrefixedRootAsPlain, scalars.FinishPlainBuffer, scalars.FinishSizePrefixedPlainBuffer, nil),
		table[scalars.Defaults, scalars.DefaultsT]("scalars.Defaults", scalars.VerifyDefaultsBuffer, scalars.VerifySizePrefixedDefaultsBuffer, scalars.VerifyDefaultsBufferUntrusted,
			scalars.GetRootAsDefaults, scalars.GetSizePrefixedRootAsDefaults, scalars.FinishDefaultsBuffer, scalars.FinishSizePrefixedDefaultsBuffer, nil),
		table[scalars.Optionals, scalars.OptionalsT]("scalars.Optionals", scalars.VerifyOptionalsBuffer, scalars.VerifySizePrefixedOptionalsBuffer, scalars.VerifyOptionalsBufferUntrusted,
			scalars.GetRootAsOptionals, scalars.GetSizePrefixedRootAsOptionals, scalars.FinishOptionalsBuffer, scalars.FinishSizePrefixedOptionalsBuffer, nil),

		table[service.Ping, service.PingT]("service.Ping", service.VerifyPingBuffer, service.VerifySizePrefixedPingBuffer, service.VerifyPingBufferUntrusted,
			service.GetRootAsPing, service.GetSizePrefixedRootAsPing, service.FinishPingBuffer, service.FinishSizePrefixedPingBuffer, nil),
		table[service.Pong, service.PongT]("service.Pong", service.VerifyPongBuffer, service.VerifySizePrefixedPongBuffer, service.VerifyPongBufferUntrusted,
			service.GetRootAsPong, service.GetSizePrefixedRootAsPong, service.FinishPongBuffer, service.FinishSizePrefixedPongBuffer, nil),

		table[structs.Body, structs.BodyT]("structs.Body", structs.VerifyBodyBuffer, structs.VerifySizePrefixedBodyBuffer, structs.VerifyBodyBufferUntrusted,
			structs.GetRootAsBody, structs.GetSizePrefixedRootAsBody, structs.FinishBodyBuffer, structs.FinishSizePrefixedBodyBuffer, nil),

		table[unions.Hero, unions.HeroT]("unions.Hero", unions.VerifyHeroBuffer, unions.VerifySizePrefixedHeroBuffer, unions.VerifyHeroBufferUntrusted,
			unions.GetRootAsHero, unions.GetSizePrefixedRootAsHero, unions.FinishHeroBuffer, unions.FinishSizePrefixedHeroBuffer, nil),
		table[unions.Sword, unions.SwordT]("unions.Sword", unions.VerifySwordBuffer, unions.VerifySizePrefixedSwordBuffer, unions.VerifySwordBufferUntrusted,
			unions.GetRootAsSword, unions.GetSizePrefixedRootAsSword, unions.FinishSwordBuffer, unions.FinishSizePrefixedSwordBuffer, nil),
		table[unions.Axe, unions.AxeT]("unions.Axe", unions.VerifyAxeBuffer, unions.VerifySizePrefixedAxeBuffer, unions.VerifyAxeBufferUntrusted,
			unions.GetRootAsAxe, unions.GetSizePrefixedRootAsAxe, unions.FinishAxeBuffer, unions.FinishSizePrefixedAxeBuffer, nil),
		table[unions.Bow, unions.BowT]("unions.Bow", unions.VerifyBowBuffer, unions.VerifySizePrefixedBowBuffer, unions.VerifyBowBufferUntrusted,
			unions.GetRootAsBow, unions.GetSizePrefixedRootAsBow, unions.FinishBowBuffer, unions.FinishSizePrefixedBowBuffer, nil),

		table[vectors.Bag, vectors.BagT]("vectors.Bag", vectors.VerifyBagBuffer, vectors.VerifySizePrefixedBagBuffer, vectors.VerifyBagBufferUntrusted,
			vectors.GetRootAsBag, vectors.GetSizePrefixedRootAsBag, vectors.FinishBagBuffer, vectors.FinishSizePrefixedBagBuffer, fixBag),
		table[vectors.Entry, vectors.EntryT]("vectors.Entry", vectors.VerifyEntryBuffer, vectors.VerifySizePrefixedEntryBuffer, vectors.VerifyEntryBufferUntrusted,
			vectors.GetRootAsEntry, vectors.GetSizePrefixedRootAsEntry, vectors.FinishEntryBuffer, vectors.FinishSizePrefixedEntryBuffer, nil),
		table[vectors.Named, vectors.NamedT]("vectors.Named", vectors.VerifyNamedBuffer, vectors.VerifySizePrefixedNamedBuffer, vectors.VerifyNamedBufferUntrusted,
			vectors.GetRootAsNamed, vectors.GetSizePrefixedRootAsNamed, vectors.FinishNamedBuffer, vectors.FinishSizePrefixedNamedBuffer, nil),
		table[vectors.Timed, vectors.TimedT]("vectors.Timed", vectors.VerifyTimedBuffer, vectors.VerifySizePrefixedTimedBuffer, vectors.VerifyTimedBufferUntrusted,
			vectors.GetRootAsTimed, vectors.GetSizePrefixedRootAsTimed, vectors.FinishTimedBuffer, vectors.FinishSizePrefixedTimedBuffer, nil),
		table[vectors.Payload, vectors.PayloadT]("vectors.Payload", vectors.VerifyPayloadBuffer, vectors.VerifySizePrefixedPayloadBuffer, vectors.VerifyPayloadBufferUntrusted,
			vectors.GetRootAsPayload, vectors.GetSizePrefixedRootAsPayload, vectors.FinishPayloadBuffer, vectors.FinishSizePrefixedPayloadBuffer, nil),

		table[rpc.Query, rpc.QueryT]("rpc.Query", rpc.VerifyQueryBuffer, rpc.VerifySizePrefixedQueryBuffer, rpc.VerifyQueryBufferUntrusted,
			rpc.GetRootAsQuery, rpc.GetSizePrefixedRootAsQuery, rpc.FinishQueryBuffer, rpc.FinishSizePrefixedQueryBuffer, nil),
		table[rpc.Item, rpc.ItemT]("rpc.Item", rpc.VerifyItemBuffer, rpc.VerifySizePrefixedItemBuffer, rpc.VerifyItemBufferUntrusted,
			rpc.GetRootAsItem, rpc.GetSizePrefixedRootAsItem, rpc.FinishItemBuffer, rpc.FinishSizePrefixedItemBuffer, nil),
		table[rpc.Ack, rpc.AckT]("rpc.Ack", rpc.VerifyAckBuffer, rpc.VerifySizePrefixedAckBuffer, rpc.VerifyAckBufferUntrusted,
			rpc.GetRootAsAck, rpc.GetSizePrefixedRootAsAck, rpc.FinishAckBuffer, rpc.FinishSizePrefixedAckBuffer, nil),
		table[rpc.Book, rpc.BookT]("rpc.Book", rpc.VerifyBookBuffer, rpc.VerifySizePrefixedBookBuffer, rpc.VerifyBookBufferUntrusted,
			rpc.GetRootAsBook, rpc.GetSizePrefixedRootAsBook, rpc.FinishBookBuffer, rpc.FinishSizePrefixedBookBuffer, nil),
		table[rpc.Tool, rpc.ToolT]("rpc.Tool", rpc.VerifyToolBuffer, rpc.VerifySizePrefixedToolBuffer, rpc.VerifyToolBufferUntrusted,
			rpc.GetRootAsTool, rpc.GetSizePrefixedRootAsTool, rpc.FinishToolBuffer, rpc.FinishSizePrefixedToolBuffer, nil),
		table[rpc.Corpus_Rpc_Status, rpc.Corpus_Rpc_StatusT]("rpc.Corpus_Rpc_Status",
			rpc.VerifyCorpus_Rpc_StatusBuffer, rpc.VerifySizePrefixedCorpus_Rpc_StatusBuffer, rpc.VerifyCorpus_Rpc_StatusBufferUntrusted,
			rpc.GetRootAsCorpus_Rpc_Status, rpc.GetSizePrefixedRootAsCorpus_Rpc_Status,
			rpc.FinishCorpus_Rpc_StatusBuffer, rpc.FinishSizePrefixedCorpus_Rpc_StatusBuffer, nil),
		table[rpc.Corpus_Money_Status, rpc.Corpus_Money_StatusT]("rpc.Corpus_Money_Status",
			rpc.VerifyCorpus_Money_StatusBuffer, rpc.VerifySizePrefixedCorpus_Money_StatusBuffer, rpc.VerifyCorpus_Money_StatusBufferUntrusted,
			rpc.GetRootAsCorpus_Money_Status, rpc.GetSizePrefixedRootAsCorpus_Money_Status,
			rpc.FinishCorpus_Money_StatusBuffer, rpc.FinishSizePrefixedCorpus_Money_StatusBuffer, nil),

		table[misc.Registry, misc.RegistryT]("misc.Registry", misc.VerifyRegistryBuffer, misc.VerifySizePrefixedRegistryBuffer, misc.VerifyRegistryBufferUntrusted,
			misc.GetRootAsRegistry, misc.GetSizePrefixedRootAsRegistry, misc.FinishRegistryBuffer, misc.FinishSizePrefixedRegistryBuffer,
			nil).withDepth(3),
		table[misc.Node, misc.NodeT]("misc.Node", misc.VerifyNodeBuffer, misc.VerifySizePrefixedNodeBuffer, misc.VerifyNodeBufferUntrusted,
			misc.GetRootAsNode, misc.GetSizePrefixedRootAsNode, misc.FinishNodeBuffer, misc.FinishSizePrefixedNodeBuffer, nil).withDepth(3),
		table[misc.Rank, misc.RankT]("misc.Rank", misc.VerifyRankBuffer, misc.VerifySizePrefixedRankBuffer, misc.VerifyRankBufferUntrusted,
			misc.GetRootAsRank, misc.GetSizePrefixedRootAsRank, misc.FinishRankBuffer, misc.FinishSizePrefixedRankBuffer, nil),
		table[misc.Sample, misc.SampleT]("misc.Sample", misc.VerifySampleBuffer, misc.VerifySizePrefixedSampleBuffer, misc.VerifySampleBufferUntrusted,
			misc.GetRootAsSample, misc.GetSizePrefixedRootAsSample, misc.FinishSampleBuffer, misc.FinishSizePrefixedSampleBuffer, nil),
		table[misc.Nothing, misc.NothingT]("misc.Nothing", misc.VerifyNothingBuffer, misc.VerifySizePrefixedNothingBuffer, misc.VerifyNothingBufferUntrusted,
			misc.GetRootAsNothing, misc.GetSizePrefixedRootAsNothing, misc.FinishNothingBuffer, misc.FinishSizePrefixedNothingBuffer, nil),

		table[unionmembers.Canvas, unionmembers.CanvasT]("unionmembers.Canvas",
			unionmembers.VerifyCanvasBuffer, unionmembers.VerifySizePrefixedCanvasBuffer, unionmembers.VerifyCanvasBufferUntrusted,
			unionmembers.GetRootAsCanvas, unionmembers.GetSizePrefixedRootAsCanvas,
			unionmembers.FinishCanvasBuffer, unionmembers.FinishSizePrefixedCanvasBuffer, nil),
		table[unionmembers.Marker, unionmembers.MarkerT]("unionmembers.Marker",
			unionmembers.VerifyMarkerBuffer, unionmembers.VerifySizePrefixedMarkerBuffer, unionmembers.VerifyMarkerBufferUntrusted,
			unionmembers.GetRootAsMarker, unionmembers.GetSizePrefixedRootAsMarker,
			unionmembers.FinishMarkerBuffer, unionmembers.FinishSizePrefixedMarkerBuffer, nil),

		// The .fbs view of the Go-defined kitchen service (wsgen -emit-fbs):
		// the payloads of Go-defined services.
		table[kitchen.Scalars, kitchen.ScalarsT]("kitchen.Scalars",
			kitchen.VerifyScalarsBuffer, kitchen.VerifySizePrefixedScalarsBuffer, kitchen.VerifyScalarsBufferUntrusted,
			kitchen.GetRootAsScalars, kitchen.GetSizePrefixedRootAsScalars, kitchen.FinishScalarsBuffer, kitchen.FinishSizePrefixedScalarsBuffer, nil),
		table[kitchen.Optionals, kitchen.OptionalsT]("kitchen.Optionals",
			kitchen.VerifyOptionalsBuffer, kitchen.VerifySizePrefixedOptionalsBuffer, kitchen.VerifyOptionalsBufferUntrusted,
			kitchen.GetRootAsOptionals, kitchen.GetSizePrefixedRootAsOptionals, kitchen.FinishOptionalsBuffer, kitchen.FinishSizePrefixedOptionalsBuffer, nil),
		table[kitchen.ItemAttrsEntry, kitchen.ItemAttrsEntryT]("kitchen.ItemAttrsEntry",
			kitchen.VerifyItemAttrsEntryBuffer, kitchen.VerifySizePrefixedItemAttrsEntryBuffer, kitchen.VerifyItemAttrsEntryBufferUntrusted,
			kitchen.GetRootAsItemAttrsEntry, kitchen.GetSizePrefixedRootAsItemAttrsEntry, kitchen.FinishItemAttrsEntryBuffer, kitchen.FinishSizePrefixedItemAttrsEntryBuffer, nil),
		table[kitchen.ItemCountsEntry, kitchen.ItemCountsEntryT]("kitchen.ItemCountsEntry",
			kitchen.VerifyItemCountsEntryBuffer, kitchen.VerifySizePrefixedItemCountsEntryBuffer, kitchen.VerifyItemCountsEntryBufferUntrusted,
			kitchen.GetRootAsItemCountsEntry, kitchen.GetSizePrefixedRootAsItemCountsEntry, kitchen.FinishItemCountsEntryBuffer, kitchen.FinishSizePrefixedItemCountsEntryBuffer, nil),
		table[kitchen.ItemByColorEntry, kitchen.ItemByColorEntryT]("kitchen.ItemByColorEntry",
			kitchen.VerifyItemByColorEntryBuffer, kitchen.VerifySizePrefixedItemByColorEntryBuffer, kitchen.VerifyItemByColorEntryBufferUntrusted,
			kitchen.GetRootAsItemByColorEntry, kitchen.GetSizePrefixedRootAsItemByColorEntry, kitchen.FinishItemByColorEntryBuffer, kitchen.FinishSizePrefixedItemByColorEntryBuffer, nil),
		table[kitchen.ItemNestedEntry, kitchen.ItemNestedEntryT]("kitchen.ItemNestedEntry",
			kitchen.VerifyItemNestedEntryBuffer, kitchen.VerifySizePrefixedItemNestedEntryBuffer, kitchen.VerifyItemNestedEntryBufferUntrusted,
			kitchen.GetRootAsItemNestedEntry, kitchen.GetSizePrefixedRootAsItemNestedEntry, kitchen.FinishItemNestedEntryBuffer, kitchen.FinishSizePrefixedItemNestedEntryBuffer, nil),
		table[kitchen.ItemIndexEntry, kitchen.ItemIndexEntryT]("kitchen.ItemIndexEntry",
			kitchen.VerifyItemIndexEntryBuffer, kitchen.VerifySizePrefixedItemIndexEntryBuffer, kitchen.VerifyItemIndexEntryBufferUntrusted,
			kitchen.GetRootAsItemIndexEntry, kitchen.GetSizePrefixedRootAsItemIndexEntry, kitchen.FinishItemIndexEntryBuffer, kitchen.FinishSizePrefixedItemIndexEntryBuffer, nil),
		table[kitchen.Item, kitchen.ItemT]("kitchen.Item",
			kitchen.VerifyItemBuffer, kitchen.VerifySizePrefixedItemBuffer, kitchen.VerifyItemBufferUntrusted,
			kitchen.GetRootAsItem, kitchen.GetSizePrefixedRootAsItem, kitchen.FinishItemBuffer, kitchen.FinishSizePrefixedItemBuffer, nil).withDepth(2),
		table[kitchen.Receipt, kitchen.ReceiptT]("kitchen.Receipt",
			kitchen.VerifyReceiptBuffer, kitchen.VerifySizePrefixedReceiptBuffer, kitchen.VerifyReceiptBufferUntrusted,
			kitchen.GetRootAsReceipt, kitchen.GetSizePrefixedRootAsReceipt, kitchen.FinishReceiptBuffer, kitchen.FinishSizePrefixedReceiptBuffer, nil),
		table[kitchen.Query, kitchen.QueryT]("kitchen.Query",
			kitchen.VerifyQueryBuffer, kitchen.VerifySizePrefixedQueryBuffer, kitchen.VerifyQueryBufferUntrusted,
			kitchen.GetRootAsQuery, kitchen.GetSizePrefixedRootAsQuery, kitchen.FinishQueryBuffer, kitchen.FinishSizePrefixedQueryBuffer, nil),
		table[kitchen.Versioned, kitchen.VersionedT]("kitchen.Versioned",
			kitchen.VerifyVersionedBuffer, kitchen.VerifySizePrefixedVersionedBuffer, kitchen.VerifyVersionedBufferUntrusted,
			kitchen.GetRootAsVersioned, kitchen.GetSizePrefixedRootAsVersioned, kitchen.FinishVersionedBuffer, kitchen.FinishSizePrefixedVersionedBuffer, nil),
		table[kitchen.Retired, kitchen.RetiredT]("kitchen.Retired",
			kitchen.VerifyRetiredBuffer, kitchen.VerifySizePrefixedRetiredBuffer, kitchen.VerifyRetiredBufferUntrusted,
			kitchen.GetRootAsRetired, kitchen.GetSizePrefixedRootAsRetired, kitchen.FinishRetiredBuffer, kitchen.FinishSizePrefixedRetiredBuffer, nil),

		table[verifyextra.Tree, verifyextra.TreeT]("verifyextra.Tree", verifyextra.VerifyTreeBuffer, verifyextra.VerifySizePrefixedTreeBuffer, verifyextra.VerifyTreeBufferUntrusted,
			verifyextra.GetRootAsTree, verifyextra.GetSizePrefixedRootAsTree, verifyextra.FinishTreeBuffer, verifyextra.FinishSizePrefixedTreeBuffer,
			fixTree).withDepth(2),
		table[verifyextra.Leaf, verifyextra.LeafT]("verifyextra.Leaf", verifyextra.VerifyLeafBuffer, verifyextra.VerifySizePrefixedLeafBuffer, verifyextra.VerifyLeafBufferUntrusted,
			verifyextra.GetRootAsLeaf, verifyextra.GetSizePrefixedRootAsLeaf, verifyextra.FinishLeafBuffer, verifyextra.FinishSizePrefixedLeafBuffer, nil),
	}
}

// fixTree gives every Tree its required Leaf and makes each Tree.inner a
// Tree buffer (or leaves it out), as its nested_flatbuffer attribute
// requires.
func fixTree(t *verifyextra.TreeT) {
	if t == nil {
		return
	}
	if t.Leaf == nil {
		t.Leaf = &verifyextra.LeafT{}
	}
	for _, k := range t.Kids {
		fixTree(k)
	}
	fixTree(t.Child)
	things := append([]*verifyextra.ThingT{t.Thing}, t.Things...)
	for _, th := range things {
		if th != nil {
			if sub, ok := th.Value.(*verifyextra.TreeT); ok {
				fixTree(sub)
			}
		}
	}
	if len(t.Inner) == 0 {
		t.Inner = nil
		return
	}
	b := flatbuffers.NewBuilder(0)
	inner := &verifyextra.TreeT{Name: string(t.Inner), Leaf: &verifyextra.LeafT{N: 1}}
	verifyextra.FinishTreeBuffer(b, inner.Pack(b))
	t.Inner = b.FinishedBytes()
}

// fixBag makes Bag.nested a Payload buffer (or leaves it out), as its
// nested_flatbuffer attribute requires.
func fixBag(t *vectors.BagT) {
	if len(t.Nested) == 0 {
		t.Nested = nil
		return
	}
	b := flatbuffers.NewBuilder(0)
	p := &vectors.PayloadT{Text: string(t.Nested), Count: int32(len(t.Nested))}
	b.Finish(p.Pack(b))
	t.Nested = b.FinishedBytes()
}

// newFiller returns a filler that knows the golden unions.
func newFiller(seed uint64) *filler {
	return &filler{r: rand.New(rand.NewPCG(seed, 1)), unions: map[reflect.Type][]unionMember{
		reflect.TypeFor[*unions.WeaponT](): {
			{unions.WeaponSword, func() any { return new(unions.SwordT) }},
			{unions.WeaponAxe, func() any { return new(unions.AxeT) }},
			{unions.WeaponBow, func() any { return new(unions.BowT) }},
		},
		reflect.TypeFor[*verifyextra.ThingT](): {
			{verifyextra.ThingLeaf, func() any { return new(verifyextra.LeafT) }},
			{verifyextra.ThingTree, func() any { return new(verifyextra.TreeT) }},
		},
		reflect.TypeFor[*rpc.DetailT](): {
			{rpc.DetailBook, func() any { return new(rpc.BookT) }},
			{rpc.DetailTool, func() any { return new(rpc.ToolT) }},
		},
		reflect.TypeFor[*unions.LootT](): {
			{unions.LootPrimary, func() any { return new(unions.SwordT) }},
			{unions.LootSecondary, func() any { return new(unions.SwordT) }},
			{unions.LootRanged, func() any { return new(unions.BowT) }},
		},
		// Members that are structs and strings as well as tables.
		reflect.TypeFor[*unionmembers.ShapeT](): {
			{unionmembers.ShapeMarker, func() any { return new(unionmembers.MarkerT) }},
			{unionmembers.ShapePoint, func() any { return new(unionmembers.PointT) }},
			{unionmembers.ShapeWide, func() any { return new(unionmembers.WideT) }},
			{unionmembers.ShapeNote, func() any { return "note" }},
			{unionmembers.ShapeOrigin, func() any { return new(unionmembers.PointT) }},
		},
	}}
}

// newWalker returns a walker that knows the golden unions' member
// accessors and the nested flatbuffer of Bag.
func newWalker() *walker {
	return &walker{
		budget: walkBudget,
		unions: newFiller(0).unions,
		accessors: map[reflect.Type]reflect.Type{
			reflect.TypeFor[*unions.SwordT]():        reflect.TypeFor[*unions.Sword](),
			reflect.TypeFor[*unions.AxeT]():          reflect.TypeFor[*unions.Axe](),
			reflect.TypeFor[*unions.BowT]():          reflect.TypeFor[*unions.Bow](),
			reflect.TypeFor[*rpc.BookT]():            reflect.TypeFor[*rpc.Book](),
			reflect.TypeFor[*rpc.ToolT]():            reflect.TypeFor[*rpc.Tool](),
			reflect.TypeFor[*verifyextra.LeafT]():    reflect.TypeFor[*verifyextra.Leaf](),
			reflect.TypeFor[*verifyextra.TreeT]():    reflect.TypeFor[*verifyextra.Tree](),
			reflect.TypeFor[*unionmembers.MarkerT](): reflect.TypeFor[*unionmembers.Marker](),
			reflect.TypeFor[*unionmembers.PointT]():  reflect.TypeFor[*unionmembers.Point](),
			reflect.TypeFor[*unionmembers.WideT]():   reflect.TypeFor[*unionmembers.Wide](),
		},
		after: map[reflect.Type]func(*walker, reflect.Value){
			reflect.TypeFor[*vectors.Bag](): func(w *walker, acc reflect.Value) {
				if nb := acc.Interface().(*vectors.Bag).NestedBytes(); nb != nil {
					w.walkNested(reflect.ValueOf(vectors.GetRootAsPayload(nb, 0)))
				}
			},
			reflect.TypeFor[*verifyextra.Tree](): func(w *walker, acc reflect.Value) {
				if nb := acc.Interface().(*verifyextra.Tree).InnerBytes(); nb != nil {
					w.walkNested(reflect.ValueOf(verifyextra.GetRootAsTree(nb, 0)))
				}
			},
		},
	}
}
