package fbsout

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/wsgen/wsgen/schema"
)

// Print renders s as one .fbs file. header, when not empty, is written
// first as `//` comment lines. Declarations keep their order within each
// kind: enums, structs, tables, then services; every table field carries
// its id, so the printed schema keeps the wire layout of s. Unions, arrays
// and attributes other than id, key and deprecated are not printed (the Go
// front end produces none).
func Print(s *schema.Schema, header string) []byte {
	var b bytes.Buffer
	if header != "" {
		for _, l := range strings.Split(header, "\n") {
			fmt.Fprintf(&b, "// %s\n", l)
		}
		b.WriteByte('\n')
	}
	if ns := namespaceOf(s); ns != "" {
		fmt.Fprintf(&b, "namespace %s;\n", ns)
	}
	for _, e := range s.Enums {
		printEnum(&b, e)
	}
	for _, st := range s.Structs {
		doc(&b, st.Doc, "")
		fmt.Fprintf(&b, "struct %s {\n", st.Name)
		for _, f := range st.Fields {
			doc(&b, f.Doc, "  ")
			fmt.Fprintf(&b, "  %s: %s;\n", f.Name, typeName(&f.Type))
		}
		b.WriteString("}\n")
	}
	for _, t := range s.Tables {
		printTable(&b, t)
	}
	for _, sv := range s.Services {
		printService(&b, sv)
	}
	return b.Bytes()
}

// namespaceOf is the namespace of the first declaration (the Go front end
// puts every declaration in the package's namespace).
func namespaceOf(s *schema.Schema) string {
	if ds := s.Decls(); len(ds) > 0 {
		return strings.Join(ds[0].Namespace, ".")
	}
	return ""
}

// doc prints `///` comment lines.
func doc(b *bytes.Buffer, lines []string, indent string) {
	if indent == "" {
		b.WriteByte('\n')
	}
	for _, l := range lines {
		if l == "" {
			fmt.Fprintf(b, "%s///\n", indent)
		} else {
			fmt.Fprintf(b, "%s/// %s\n", indent, l)
		}
	}
}

func printEnum(b *bytes.Buffer, e *schema.Enum) {
	doc(b, e.Doc, "")
	fmt.Fprintf(b, "enum %s: %s {\n", e.Name, e.Underlying)
	for i, v := range e.Values {
		if len(v.Doc) > 0 {
			doc(b, v.Doc, "  ")
		}
		sep := ","
		if i == len(e.Values)-1 {
			sep = ""
		}
		fmt.Fprintf(b, "  %s = %s%s\n", v.Name, value(v.Value), sep)
	}
	b.WriteString("}\n")
}

func printTable(b *bytes.Buffer, t *schema.Table) {
	doc(b, t.Doc, "")
	fmt.Fprintf(b, "table %s {\n", t.Name)
	for _, f := range t.Fields {
		if len(f.Doc) > 0 {
			doc(b, f.Doc, "  ")
		}
		attrs := []string{"id: " + strconv.Itoa(f.ID)}
		if f.Key {
			attrs = append(attrs, "key")
		}
		if f.Deprecated {
			attrs = append(attrs, "deprecated")
		}
		def := ""
		if f.Optional {
			def = " = null"
		}
		fmt.Fprintf(b, "  %s: %s%s (%s);\n", f.Name, typeName(&f.Type), def, strings.Join(attrs, ", "))
	}
	b.WriteString("}\n")
}

func printService(b *bytes.Buffer, sv *schema.Service) {
	doc(b, sv.Doc, "")
	fmt.Fprintf(b, "rpc_service %s {\n", sv.Name)
	for _, m := range sv.Methods {
		if len(m.Doc) > 0 {
			doc(b, m.Doc, "  ")
		}
		var attrs []string
		if m.Streaming != schema.StreamNone {
			attrs = append(attrs, fmt.Sprintf("streaming: %q", m.Streaming.String()))
		}
		if m.Idempotent {
			attrs = append(attrs, "idempotent")
		}
		a := ""
		if len(attrs) > 0 {
			a = " (" + strings.Join(attrs, ", ") + ")"
		}
		fmt.Fprintf(b, "  %s(%s):%s%s;\n", m.Name, m.Request.FullName(), m.Response.FullName(), a)
	}
	b.WriteString("}\n")
}

// typeName spells a field type.
func typeName(t *schema.Type) string {
	switch t.Kind {
	case schema.KindVector:
		return "[" + typeName(t.Elem) + "]"
	case schema.KindArray:
		return fmt.Sprintf("[%s:%d]", typeName(t.Elem), t.Len)
	case schema.KindStruct:
		return t.Struct.FullName()
	case schema.KindTable:
		return t.Table.FullName()
	case schema.KindUnion:
		return t.Union.FullName()
	}
	if t.Enum != nil {
		return t.Enum.FullName()
	}
	return t.Kind.String()
}

func value(v schema.Value) string {
	switch v.Kind {
	case schema.ValueUint:
		return strconv.FormatUint(v.Uint, 10)
	case schema.ValueFloat:
		return strconv.FormatFloat(v.Float, 'g', -1, 64)
	case schema.ValueBool:
		return strconv.FormatBool(v.Bool)
	}
	return strconv.FormatInt(v.Int, 10)
}
