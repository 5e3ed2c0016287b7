package goldentest

import (
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	ns "github.com/wsgen/wsgen/testdata/golden/namespaces"
)

// The namespaces package holds Corpus.Common.Item and Corpus.Geo.Item (and
// two Shape enums) side by side; their Go names carry the namespace.
func buildMap() []byte {
	b := flatbuffers.NewBuilder(0)
	cname := b.CreateString("common")
	ns.Corpus_Common_ItemStart(b)
	ns.Corpus_Common_ItemAddShape(b, ns.Corpus_Common_ShapeCircle)
	ns.Corpus_Common_ItemAddName(b, cname)
	common := ns.Corpus_Common_ItemEnd(b)

	ns.Corpus_Geo_ItemStart(b)
	ns.Corpus_Geo_ItemAddShape(b, ns.Corpus_Geo_ShapeTriangle)
	ns.Corpus_Geo_ItemAddAt(b, ns.CreatePoint(b, 3, -4))
	ns.Corpus_Geo_ItemAddCommon(b, common)
	geo := ns.Corpus_Geo_ItemEnd(b)

	geoItems := offsetVector(b, ns.RegionStartGeoItemsVector, []flatbuffers.UOffsetT{geo})
	commonItems := offsetVector(b, ns.RegionStartCommonItemsVector, []flatbuffers.UOffsetT{common, common})
	ns.RegionStart(b)
	ns.RegionAddGeoItems(b, geoItems)
	ns.RegionAddCommonItems(b, commonItems)
	ns.RegionAddShape(b, ns.Corpus_Geo_ShapeHexagon)
	ns.RegionAddOtherShape(b, ns.Corpus_Common_ShapeSquare)
	ns.RegionAddOrigin(b, ns.CreatePoint(b, 1, 2))
	region := ns.RegionEnd(b)

	ns.ZoneStart(b)
	ns.ZoneAddRegion(b, region)
	ns.ZoneAddItem(b, geo)
	zone := ns.ZoneEnd(b)

	zones := offsetVector(b, ns.MapStartZonesVector, []flatbuffers.UOffsetT{zone})
	ns.MapStart(b)
	ns.MapAddZones(b, zones)
	ns.FinishMapBuffer(b, ns.MapEnd(b))
	return b.FinishedBytes()
}

func TestTableNamespaces(t *testing.T) {
	m := ns.GetRootAsMap(buildMap(), 0)
	var z ns.Zone
	if m.ZonesLength() != 1 || !m.Zones(&z, 0) {
		t.Fatal("Map has no zone")
	}
	r := z.Region(nil)
	if r == nil {
		t.Fatal("Zone.Region(nil) = nil")
	}
	if r.Shape() != ns.Corpus_Geo_ShapeHexagon || r.OtherShape() != ns.Corpus_Common_ShapeSquare {
		t.Errorf("Region shapes = %v, %v", r.Shape(), r.OtherShape())
	}
	if o := r.Origin(nil); o.X() != 1 || o.Y() != 2 {
		t.Errorf("Origin = (%d, %d)", o.X(), o.Y())
	}

	var gi ns.Corpus_Geo_Item
	if r.GeoItemsLength() != 1 || !r.GeoItems(&gi, 0) {
		t.Fatal("Region has no geo item")
	}
	if gi.Shape() != ns.Corpus_Geo_ShapeTriangle || gi.At(nil).Y() != -4 {
		t.Errorf("geo item = %v at (%d, %d)", gi.Shape(), gi.At(nil).X(), gi.At(nil).Y())
	}
	c := gi.Common(nil)
	if c == nil || c.Shape() != ns.Corpus_Common_ShapeCircle || string(c.Name()) != "common" {
		t.Error("geo item's common item does not read back")
	}
	var ci ns.Corpus_Common_Item
	if r.CommonItemsLength() != 2 || !r.CommonItems(&ci, 1) || string(ci.Name()) != "common" {
		t.Error("Region's common items do not read back")
	}
	if it := z.Item(nil); it == nil || it.Shape() != ns.Corpus_Geo_ShapeTriangle {
		t.Error("Zone.Item does not read back")
	}

	// Each enum keeps its own values and String, named after the schema.
	tests := []struct{ got, want string }{
		{ns.Corpus_Geo_ShapeHexagon.String(), "Hexagon"},
		{ns.Corpus_Common_ShapeSquare.String(), "Square"},
		{ns.Corpus_Geo_Shape(1).String(), "Shape(1)"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("String() = %q, want %q", tc.got, tc.want)
		}
	}

	// Defaults given as enum names from the other namespace.
	b := flatbuffers.NewBuilder(0)
	ns.RegionStart(b)
	b.Finish(ns.RegionEnd(b))
	empty := ns.GetRootAsRegion(b.FinishedBytes(), 0)
	if empty.Shape() != ns.Corpus_Geo_ShapeTriangle || empty.OtherShape() != ns.Corpus_Common_ShapeCircle {
		t.Errorf("Region defaults = %v, %v", empty.Shape(), empty.OtherShape())
	}
}
