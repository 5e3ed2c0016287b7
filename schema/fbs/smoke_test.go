package fbs

import (
	"testing"

	_ "github.com/wsgen/wsgen/internal/golden"
)

func TestSmoke(t *testing.T) {
	s, err := Load([]string{"m.fbs"}, Options{ReadFile: memFS(map[string]string{"m.fbs": "table T { a: int = 3; }\nroot_type T;"})})
	if err != nil {
		t.Fatal(err)
	}
	if s.RootTable == nil || s.RootTable.Fields[0].Default.Int != 3 {
		t.Fatalf("bad model: %+v", s.RootTable)
	}
}
