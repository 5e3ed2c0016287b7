package flatc

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/wsgen/wsgen/schema"
)

// checker collects mismatches, each with the path of the value.
type checker struct {
	errs []string
	// rawUnionVectors: flatc read the schema with vectors of unions
	// rewritten (see rewriteUnionVectors).
	rawUnionVectors bool
}

const maxErrs = 20

func (c *checker) errorf(path, format string, args ...any) {
	if len(c.errs) < maxErrs {
		c.errs = append(c.errs, path+": "+fmt.Sprintf(format, args...))
	}
}

func (c *checker) err() error {
	if len(c.errs) == 0 {
		return nil
	}
	return fmt.Errorf("%s", strings.Join(c.errs, "\n"))
}

// checkJSON compares flatc's JSON rendering (with --defaults-json) of a
// buffer holding table t with the value v that was written into it.
func (c *checker) checkJSON(path string, t *schema.Table, v tableVal, js map[string]any) {
	known := map[string]bool{}
	for _, f := range fields(t) {
		p := path + "." + f.Name
		known[f.Name] = true
		if f.UnionType != nil {
			known[f.UnionType.Name] = true
		}
		x, present := v[f.Name]
		j, inJSON := js[f.Name]
		switch {
		case f.Type.Kind.IsScalar():
			switch {
			case present:
				c.jsonScalar(p, &f.Type, canon(f.Type.Kind, x), j, inJSON)
			case f.Optional:
				if inJSON && j != nil {
					c.errorf(p, "absent optional scalar printed as %v", j)
				}
			default:
				c.jsonScalar(p, &f.Type, defaultCanon(f), j, inJSON)
			}
		case !present:
			if inJSON {
				c.errorf(p, "absent field printed as %.100v", j)
			}
			if f.UnionType != nil {
				if tj, ok := js[f.UnionType.Name]; ok && tj != "NONE" && !isZeroNumber(tj) {
					c.errorf(p, "absent union has %s %v", f.UnionType.Name, tj)
				}
			}
		case !inJSON:
			c.errorf(p, "missing from flatc's JSON")
		case f.Type.Kind == schema.KindUnion:
			u := x.(unionVal)
			c.jsonUnionType(p+"_type", u, js[f.UnionType.Name])
			c.jsonValue(p, &u.member.Type, u.val, j)
		case f.Type.Kind == schema.KindVector && f.Type.Elem.Kind == schema.KindUnion:
			us := x.([]any)
			types, _ := js[f.UnionType.Name].([]any)
			vals, _ := j.([]any)
			if len(types) != len(us) || len(vals) != len(us) {
				c.errorf(p, "%d unions, flatc printed %d types and %d values", len(us), len(types), len(vals))
				continue
			}
			for i, u := range us {
				q := fmt.Sprintf("%s[%d]", p, i)
				if c.rawUnionVectors {
					want := canon(schema.KindUint8, uint64(u.(unionVal).member.Value))
					if got, _ := types[i].(json.Number); string(got) != want {
						c.errorf(q+"_type", "flatc printed %v, want %s", types[i], want)
					}
					continue
				}
				c.jsonUnionType(q+"_type", u.(unionVal), types[i])
				c.jsonValue(q, &u.(unionVal).member.Type, u.(unionVal).val, vals[i])
			}
		case f.NestedFlatbuffer != nil:
			n := x.(nestedVal)
			if obj, ok := j.(map[string]any); ok {
				c.checkJSON(p, n.table, n.val, obj)
			} else {
				c.errorf(p, "nested flatbuffer printed as %T, want an object", j)
			}
		default:
			c.jsonValue(p, &f.Type, x, j)
		}
	}
	var extra []string
	for k := range js {
		if !known[k] {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	for _, k := range extra {
		c.errorf(path+"."+k, "unexpected field in flatc's JSON")
	}
}

func isZeroNumber(x any) bool {
	n, ok := x.(json.Number)
	return ok && n == "0"
}

func (c *checker) jsonUnionType(path string, u unionVal, j any) {
	if s, ok := j.(string); !ok || s != u.member.Name {
		c.errorf(path, "flatc printed %v, want %s", j, u.member.Name)
	}
}

func (c *checker) jsonScalar(path string, t *schema.Type, want string, j any, inJSON bool) {
	if !inJSON {
		c.errorf(path, "missing from flatc's JSON (want %s)", want)
		return
	}
	got, err := jsonScalar(t, j)
	if err != nil {
		c.errorf(path, "%v", err)
		return
	}
	if got != want {
		c.errorf(path, "flatc read %s (printed %v), want %s", got, j, want)
	}
}

func (c *checker) jsonValue(path string, t *schema.Type, x, j any) {
	switch t.Kind {
	case schema.KindTable:
		obj, ok := j.(map[string]any)
		if !ok {
			c.errorf(path, "printed %T, want an object", j)
			return
		}
		c.checkJSON(path, t.Table, x.(tableVal), obj)
	case schema.KindStruct:
		obj, ok := j.(map[string]any)
		if !ok {
			c.errorf(path, "printed %T, want an object", j)
			return
		}
		sv := x.(structVal)
		for _, f := range t.Struct.Fields {
			jf, ok := obj[f.Name]
			if !ok {
				c.errorf(path+"."+f.Name, "missing from flatc's JSON")
				continue
			}
			c.jsonValue(path+"."+f.Name, &f.Type, sv[f.Name], jf)
		}
		if len(obj) != len(t.Struct.Fields) {
			c.errorf(path, "flatc printed %d fields, struct has %d", len(obj), len(t.Struct.Fields))
		}
	case schema.KindVector, schema.KindArray:
		arr, ok := j.([]any)
		xs := x.([]any)
		if !ok || len(arr) != len(xs) {
			c.errorf(path, "flatc printed %.200v, want %d elements", j, len(xs))
			return
		}
		for i := range xs {
			c.jsonValue(fmt.Sprintf("%s[%d]", path, i), t.Elem, xs[i], arr[i])
		}
	case schema.KindString:
		if s, ok := j.(string); !ok || s != x.(string) {
			c.errorf(path, "flatc printed %q, want %q", j, x)
		}
	default:
		c.jsonScalar(path, t, canon(t.Kind, x), j, true)
	}
}
