package fbs

import (
	"fmt"
	"testing"
	"time"

	"github.com/wsgen/wsgen/schema"
)

// FuzzLoad feeds two in-memory files, a.fbs (the input) and b.fbs (which
// either may include, as "b.fbs" or "a.fbs"), to Load. Load must not panic,
// must return promptly, and must return either a model or diagnostics.
// Seeds live in testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	f.Add("include \"b.fbs\";\ntable T { b: B; }\nroot_type T;", "include \"a.fbs\";\ntable B { x: int = 1; }")
	f.Fuzz(func(t *testing.T, a, b string) {
		read := memFS(map[string]string{"a.fbs": a, "b.fbs": b})
		type result struct {
			s   *schema.Schema
			err error
		}
		done := make(chan result, 1)
		go func() {
			s, err := Load([]string{"a.fbs"}, Options{ReadFile: read})
			done <- result{s, err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Load did not return within 5s")
		}
		switch {
		case r.err == nil && r.s == nil:
			t.Fatal("Load returned neither a model nor an error")
		case r.err != nil && r.s != nil:
			t.Fatal("Load returned both a model and an error")
		case r.err != nil:
			ds, ok := r.err.(schema.Diagnostics)
			if !ok || len(ds) == 0 {
				t.Fatalf("error %T %q is not a non-empty schema.Diagnostics", r.err, r.err)
			}
			if len(ds) > schema.MaxDiagnostics+1 {
				t.Fatalf("%d diagnostics, more than the cap", len(ds))
			}
			for _, d := range ds {
				if d.Msg == "" {
					t.Fatalf("empty diagnostic message at %v", d.Pos)
				}
			}
		default:
			checkLinks(t, r.s)
		}
		// Loading is deterministic: the same input gives the same result.
		s2, err2 := Load([]string{"a.fbs"}, Options{ReadFile: read})
		if (s2 == nil) != (r.s == nil) || fmt.Sprint(err2) != fmt.Sprint(r.err) {
			t.Fatalf("second Load differs: %v vs %v", err2, r.err)
		}
	})
}
