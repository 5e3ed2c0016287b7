package goiface

import (
	"go/constant"
	"go/types"

	"github.com/wsgen/wsgen/schema"
)

// enum maps a named integer type of the package with constants to an
// enum, once; without constants it stays a plain integer (nil).
func (l *loader) enum(n *types.Named, k schema.Kind, u use) *schema.Enum {
	obj := n.Obj()
	if e, ok := l.enums[obj]; ok {
		return e
	}
	if l.notEnum[obj] {
		return nil
	}
	var consts []*types.Const
	scope := l.p.Types.Scope()
	for _, name := range scope.Names() {
		if c, ok := scope.Lookup(name).(*types.Const); ok && types.Identical(c.Type(), n) && c.Exported() {
			consts = append(consts, c)
		}
	}
	if len(consts) == 0 {
		l.notEnum[obj] = true
		return nil
	}
	e := &schema.Enum{Decl: l.decl(obj.Name(), l.typeDoc(obj), obj.Pos(), obj.Name()), Underlying: k}
	l.enums[obj] = e
	l.claim(obj.Name(), obj, obj.Pos())
	for _, c := range consts {
		ev := &schema.EnumVal{Name: c.Name(), Pos: l.pos(c.Pos())}
		if v, exact := constant.Int64Val(c.Val()); exact {
			ev.Value = schema.Value{Kind: schema.ValueInt, Int: v}
		} else if v, exact := constant.Uint64Val(c.Val()); exact {
			ev.Value = schema.Value{Kind: schema.ValueUint, Uint: v}
		}
		e.Values = append(e.Values, ev)
	}
	schema.SortEnumValues(e.Values)
	hasZero := false
	for i, v := range e.Values {
		if v.Value.Kind == schema.ValueInt && v.Value.Int == 0 {
			hasZero = true
		}
		if i > 0 && v.Value == e.Values[i-1].Value {
			l.r.Errorf(v.Pos, "enum %s: %s has the same value as %s; enum constants must have distinct values", obj.Name(), v.Name, e.Values[i-1].Name)
		}
	}
	if !hasZero {
		l.r.Errorf(l.pos(obj.Pos()), "enum %s has no constant with value 0, the value of an unset field; declare one (for example %sUnspecified)", obj.Name(), obj.Name())
	}
	l.s.Enums = append(l.s.Enums, e)
	return e
}
