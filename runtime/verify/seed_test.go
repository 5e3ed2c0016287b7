package verify_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/wsgen/wsgen/internal/golden"
)

// TestSeedCorpus keeps testdata/fuzz/FuzzNode in step with the buffers
// the builders make (rewritten with -update).
func TestSeedCorpus(t *testing.T) {
	seeds := map[string][]byte{
		"full":    buildNode(full()),
		"minimal": buildNode(node{}),
		"unions":  buildNode(node{uType: 3, u: "x", usTypes: []byte{2}, us: []any{int64(1)}}),
	}
	for name, b := range seeds {
		golden.Check(t, filepath.Join("testdata", "fuzz", "FuzzNode", name), fmt.Appendf(nil, "go test fuzz v1\n[]byte(%q)\n", b))
	}
}
