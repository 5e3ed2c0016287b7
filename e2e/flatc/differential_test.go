package flatc

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/wsgen/wsgen/e2e/internal/registry"
	"github.com/wsgen/wsgen/schema"
	"github.com/wsgen/wsgen/schema/fbs"
)

// mutantsPerDir is how many random mutants of each corpus directory's
// schemas TestDifferentialRejects feeds to both parsers.
const mutantsPerDir = 120

// TestDifferentialRejects mutates the corpus schemas at random, one token
// at a time (deleted, repeated, or replaced by another token of the
// language), and asserts that wsgen rejects every mutant that flatc rejects,
// with diagnostics. (flatc --go's refusals of arrays, vectors of unions and
// union members that are structs or strings are code-generation limits
// wsgen does not share and do not count.) The mutants only flatc accepts
// are listed in the test log: wsgen rejects some nonsense flatc lets
// through.
func TestDifferentialRejects(t *testing.T) {
	root := repoRoot(t)
	dirs, err := registry.Dirs(root)
	if err != nil {
		t.Fatal(err)
	}
	total, rejected := 0, 0
	var stricter []string // accepted by flatc, rejected by wsgen
	for _, d := range dirs {
		for _, in := range d.Inputs {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			toks := tokenize(src)
			rng := rand.New(rand.NewPCG(uint64(len(src)), uint64(len(toks))))
			work := t.TempDir()
			for i := range mutantsPerDir {
				mut, what := mutateTokens(rng, toks)
				path := filepath.Join(work, fmt.Sprintf("m%d_%s", i, filepath.Base(in)))
				if err := os.WriteFile(path, mut, 0o644); err != nil {
					t.Fatal(err)
				}
				msg, ferr := flatc(work, "--go", "-I", d.IncludeDir, "-o", filepath.Join(work, "out"), path)
				if ferr == nil {
					if _, err := fbs.Load([]string{path}, fbs.Options{IncludeDirs: []string{d.IncludeDir}}); err != nil {
						stricter = append(stricter, fmt.Sprintf("%s, %s: %v", filepath.Base(in), what, err))
					}
					continue
				}
				if isFlatcGoLimit(msg) {
					continue
				}
				total++
				_, err := fbs.Load([]string{path}, fbs.Options{IncludeDirs: []string{d.IncludeDir}})
				var ds schema.Diagnostics
				if errors.As(err, &ds) && len(ds) > 0 {
					rejected++
					continue
				}
				t.Errorf("%s, %s: flatc rejects it, wsgen accepts it (%v)\nflatc: %s\nschema:\n%s", filepath.Base(in), what, err, bytes.TrimSpace(msg), mut)
			}
		}
	}
	t.Logf("%d mutants rejected by flatc, %d of them rejected by wsgen", total, rejected)
	// wsgen is stricter on purpose in places (see docs/generator.md); show
	// where, for review.
	t.Logf("%d mutants accepted by flatc and rejected by wsgen:", len(stricter))
	for _, s := range stricter[:min(len(stricter), 10)] {
		t.Logf("  %s", s)
	}
	if total == 0 {
		t.Error("no mutant was rejected by flatc: the mutations test nothing")
	}
}

func isFlatcGoLimit(msg []byte) bool {
	return bytes.Contains(msg, []byte("are not yet supported")) ||
		bytes.Contains(msg, []byte("only tables can be union elements"))
}

var tokenRE = regexp.MustCompile(`//[^\n]*|"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_.]*|-?[0-9][0-9A-Za-z_.+-]*|\s+|.`)

// tokenize splits a schema into tokens, keeping whitespace and comments as
// tokens so that the pieces join back into the source.
func tokenize(src []byte) [][]byte {
	return tokenRE.FindAll(src, -1)
}

// vocabulary is what a token may be replaced by.
var vocabulary = []string{
	";", "{", "}", "[", "]", "(", ")", ":", ",", "=", "0", "1", "-1", "256", "3.5",
	"\"x\"", "int", "ubyte", "string", "bool", "double", "table", "struct", "enum",
	"union", "namespace", "root_type", "include", "attribute", "id", "key",
	"required", "deprecated", "null", "nan", "bit_flags", "force_align", "Unknown",
}

// mutateTokens returns the source with one significant token deleted,
// repeated or replaced, and says which.
func mutateTokens(rng *rand.Rand, toks [][]byte) ([]byte, string) {
	var sig []int
	for i, t := range toks {
		if s := strings.TrimSpace(string(t)); s != "" && !strings.HasPrefix(s, "//") {
			sig = append(sig, i)
		}
	}
	i := sig[rng.IntN(len(sig))]
	var b bytes.Buffer
	var what string
	for j, t := range toks {
		if j != i {
			b.Write(t)
			continue
		}
		switch rng.IntN(3) {
		case 0:
			what = fmt.Sprintf("deleted %q", t)
		case 1:
			what = fmt.Sprintf("repeated %q", t)
			b.Write(t)
			b.WriteByte(' ')
			b.Write(t)
		default:
			r := vocabulary[rng.IntN(len(vocabulary))]
			what = fmt.Sprintf("replaced %q by %q", t, r)
			b.WriteString(r)
		}
	}
	return b.Bytes(), what
}
