package fbs

import "github.com/wsgen/wsgen/schema"

// The parser fills model declarations directly; what it cannot resolve yet
// (type names, defaults that depend on types) it keeps in these nodes for
// the resolver.

// fileAST is one parsed file.
type fileAST struct {
	file     *schema.File
	includes []includeDecl
	decls    []any // *structDecl, *enumDecl, *serviceDecl in source order
	attrs    []attrDecl
	root     *nameRef
	fileID   string
	fileIDOK bool
	fileExt  string
	hasExt   bool
}

type includeDecl struct {
	path string
	pos  schema.Pos
}

type attrDecl struct {
	name string
	pos  schema.Pos
}

// nameRef is a possibly dotted type name written in namespace ns.
type nameRef struct {
	name string
	ns   []string
	pos  schema.Pos
}

// typeExpr is a type as written.
type typeExpr struct {
	pos     schema.Pos
	builtin schema.Kind // a scalar or KindString; KindNone for named, vector or array
	name    *nameRef    // a named type
	vector  bool        // [elem]
	array   bool        // [elem:length]
	length  int64
	lenPos  schema.Pos
	elem    *typeExpr
}

// valueExpr is a constant as written: a number (with its sign), an
// identifier (true, inf, an enum value name, ...), a string, or `[]`.
type valueExpr struct {
	pos  schema.Pos
	kind tokKind // tokInt, tokFloat, tokIdent, tokString, or tokPunct for `[]`
	text string  // sign included for numbers and signed identifiers
}

type structDecl struct {
	fixed  bool
	st     *schema.Struct // when fixed
	tbl    *schema.Table  // when not
	decl   *schema.Decl
	fields []*fieldDecl
}

type fieldDecl struct {
	f   *schema.Field
	typ *typeExpr
	def *valueExpr
}

type enumDecl struct {
	union      bool
	en         *schema.Enum
	un         *schema.Union
	decl       *schema.Decl
	underlying *typeExpr // nil when not written
	vals       []*enumValDecl
	closePos   schema.Pos
}

type enumValDecl struct {
	name  string
	pos   schema.Pos
	doc   []string
	attrs []schema.Attr
	value *valueExpr // explicit `= n`, or nil
	utype *typeExpr  // union member type (alias form or the name itself)
}

type serviceDecl struct {
	svc     *schema.Service
	methods []*methodDecl
}

type methodDecl struct {
	m         *schema.Method
	req, resp *nameRef
}
