package schema

import (
	"fmt"
	"sort"
	"strings"
)

// MaxDiagnostics caps how many diagnostics a front end reports for one run;
// past it, a final "too many errors" diagnostic is added.
const MaxDiagnostics = 50

// String formats p as "file:line:col", leaving out what is unknown.
func (p Pos) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return ""
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// IsValid reports whether p names a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Diagnostic is one error found in an input, at a position.
type Diagnostic struct {
	Pos Pos
	Msg string
}

// String formats d like a compiler does: "file:line:col: message".
func (d Diagnostic) String() string {
	if p := d.Pos.String(); p != "" {
		return p + ": " + d.Msg
	}
	return d.Msg
}

// Diagnostics is a list of diagnostics; as an error it prints one per line.
type Diagnostics []Diagnostic

// Error implements error.
func (ds Diagnostics) Error() string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Sort orders ds by file, line and column, keeping the order of
// diagnostics at the same position, and drops exact duplicates.
func (ds Diagnostics) Sort() Diagnostics {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i].Pos, ds[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Before(b)
	})
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && d == ds[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Err returns ds as an error, or nil when ds is empty.
func (ds Diagnostics) Err() error {
	if len(ds) == 0 {
		return nil
	}
	return ds
}

// Reporter collects diagnostics up to MaxDiagnostics.
type Reporter struct {
	Diags Diagnostics
	full  bool
}

// Errorf records a diagnostic at pos.
func (r *Reporter) Errorf(pos Pos, format string, args ...any) {
	if r.full {
		return
	}
	if len(r.Diags) == MaxDiagnostics {
		r.Diags = append(r.Diags, Diagnostic{Pos: pos, Msg: "too many errors"})
		r.full = true
		return
	}
	r.Diags = append(r.Diags, Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Full reports whether the cap was reached.
func (r *Reporter) Full() bool { return r.full }
