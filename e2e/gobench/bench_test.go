package gobench

import (
	"encoding/json"
	"reflect"
	"strconv"
	"testing"
	"time"

	flatbuffers "github.com/google/flatbuffers/go"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/wsgen/wsgen/e2e/gobench/orderpb"
	"github.com/wsgen/wsgen/e2e/gobench/orders"
	_ "github.com/wsgen/wsgen/internal/golden" // accepts -update, like every test package
)

// sample is the representative order: 5 lines, 3 tags, 3 labels.
func sample() *orders.Order {
	o := &orders.Order{
		ID: 982451653, Customer: "Ada Lovelace", Email: "ada@example.com",
		Status: orders.StatusPaid, Created: time.Unix(1764000000, 123456789).UTC(), Total: 1234.56,
		Tags:   []string{"priority", "gift", "eu"},
		Labels: map[string]string{"channel": "web", "campaign": "autumn-sale", "warehouse": "fra-2"},
	}
	for i := range 5 {
		o.Lines = append(o.Lines, orders.Line{SKU: "SKU-" + strconv.Itoa(10000+i), Quantity: int32(i + 1), Price: 19.99 * float64(i+1)})
	}
	return o
}

// samplePB is sample as a protobuf message.
func samplePB() *orderpb.Order {
	o := sample()
	m := &orderpb.Order{
		Id: o.ID, Customer: o.Customer, Email: o.Email, Status: orderpb.Status(o.Status),
		Created: timestamppb.New(o.Created), Total: o.Total, Tags: o.Tags, Labels: o.Labels,
	}
	for _, l := range o.Lines {
		m.Lines = append(m.Lines, &orderpb.Line{Sku: l.SKU, Quantity: l.Quantity, Price: l.Price})
	}
	return m
}

// TestCodecsRoundTrip checks that every codec under benchmark carries the
// sample intact, so the benchmarks compare equal work.
func TestCodecsRoundTrip(t *testing.T) {
	want := sample()
	b := flatbuffers.NewBuilder(0)
	b.Finish(orders.EncodeOrder(b, want))
	var got orders.Order
	if err := orders.DecodeOrder(b.FinishedBytes(), &got); err != nil || !reflect.DeepEqual(&got, want) {
		t.Errorf("wsgen: %+v, %v", got, err)
	}
	js, _ := json.Marshal(want)
	var fromJSON orders.Order
	if err := json.Unmarshal(js, &fromJSON); err != nil || !reflect.DeepEqual(&fromJSON, want) {
		t.Errorf("json: %+v, %v", fromJSON, err)
	}
	pb, _ := proto.Marshal(samplePB())
	var m orderpb.Order
	if err := proto.Unmarshal(pb, &m); err != nil || !proto.Equal(&m, samplePB()) {
		t.Errorf("proto: %v", err)
	}
	t.Logf("sizes: wsgen %d bytes, json %d, proto %d", len(b.FinishedBytes()), len(js), len(pb))
}

// BenchmarkEncode encodes the sample, each codec into a reused buffer
// where its API allows (json cannot).
func BenchmarkEncode(b *testing.B) {
	o, m := sample(), samplePB()
	b.Run("wsgen", func(b *testing.B) {
		fb := flatbuffers.NewBuilder(1024)
		b.ReportAllocs()
		for b.Loop() {
			fb.Reset()
			fb.Finish(orders.EncodeOrder(fb, o))
		}
		b.ReportMetric(float64(len(fb.FinishedBytes())), "bytes/msg")
	})
	b.Run("json", func(b *testing.B) {
		var out []byte
		b.ReportAllocs()
		for b.Loop() {
			out, _ = json.Marshal(o)
		}
		b.ReportMetric(float64(len(out)), "bytes/msg")
	})
	b.Run("proto", func(b *testing.B) {
		buf := make([]byte, 0, 1024)
		b.ReportAllocs()
		for b.Loop() {
			buf, _ = proto.MarshalOptions{}.MarshalAppend(buf[:0], m)
		}
		b.ReportMetric(float64(len(buf)), "bytes/msg")
	})
}

// BenchmarkDecode decodes the sample into a reused value; wsgen's decoder
// verifies the buffer first.
func BenchmarkDecode(b *testing.B) {
	fb := flatbuffers.NewBuilder(1024)
	fb.Finish(orders.EncodeOrder(fb, sample()))
	wsgenBuf := fb.FinishedBytes()
	js, _ := json.Marshal(sample())
	pb, _ := proto.Marshal(samplePB())
	b.Run("wsgen", func(b *testing.B) {
		var o orders.Order
		b.ReportAllocs()
		for b.Loop() {
			if err := orders.DecodeOrder(wsgenBuf, &o); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var o orders.Order
			if err := json.Unmarshal(js, &o); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("proto", func(b *testing.B) {
		var m orderpb.Order
		b.ReportAllocs()
		for b.Loop() {
			if err := proto.Unmarshal(pb, &m); err != nil {
				b.Fatal(err)
			}
		}
	})
}
