package runtime_test

import (
	"context"
	"testing"

	"github.com/wsgen/wsgen/runtime"
)

func TestUnaryRoundTrip(t *testing.T) {
	forEachTransport(t, func(t *testing.T, tr string) {
		e := newEnv(t, tr, nil)
		got, err := e.call(context.Background(), msg{Text: "hi", N: 41})
		if err != nil {
			t.Fatal(err)
		}
		if want := (msg{Text: "hi", N: 42}); got != want {
			t.Fatalf("got %+v, want %+v", got, want)
		}
	})
}

var _ = runtime.OK
