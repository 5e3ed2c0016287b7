package fbs

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/wsgen/wsgen/schema"
)

// tokKind classifies a token.
type tokKind int

const (
	tokEOF tokKind = iota
	tokIdent
	tokString
	tokInt
	tokFloat
	tokPunct // one of { } ( ) [ ] : ; , = . + -
)

// token is one lexeme with its position and the `///` doc comment lines
// that directly precede it.
type token struct {
	kind tokKind
	text string // identifier, number text, unquoted string, or the punctuation byte
	pos  schema.Pos
	doc  []string
}

func (t token) is(p string) bool { return t.kind == tokPunct && t.text == p }

// describe names the token for "expected X, found Y" messages.
func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of file"
	case tokString:
		return "string " + quote(t.text)
	case tokIdent:
		return "'" + t.text + "'"
	case tokInt, tokFloat:
		return "number " + t.text
	}
	return "'" + t.text + "'"
}

// quote renders s as a short double-quoted string for messages.
func quote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == utf8.RuneError:
			b.WriteString("\\x")
			b.WriteByte("0123456789abcdef"[(r>>4)&0xf])
			b.WriteByte("0123456789abcdef"[r&0xf])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// lexer turns one file's bytes into tokens. Errors go to the reporter and
// lexing continues, so a stray character yields one diagnostic, not a halt.
type lexer struct {
	file string
	src  []byte
	off  int
	line int
	col  int // byte column of src[off], from 1
	rep  *schema.Reporter
	// start is where the text begins (after a byte order mark).
	start int
}

func newLexer(file string, src []byte, rep *schema.Reporter) *lexer {
	lx := &lexer{file: file, src: src, line: 1, col: 1, rep: rep}
	// A UTF-8 byte order mark is allowed at the start.
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		lx.off, lx.col, lx.start = 3, 4, 3
	}
	return lx
}

func (lx *lexer) pos() schema.Pos { return schema.Pos{File: lx.file, Line: lx.line, Col: lx.col} }

func (lx *lexer) errorf(p schema.Pos, format string, args ...any) {
	lx.rep.Errorf(p, "%s", clip(fmt.Sprintf(format, args...)))
}

func (lx *lexer) peekByte(i int) byte {
	if lx.off+i < len(lx.src) {
		return lx.src[lx.off+i]
	}
	return 0
}

func (lx *lexer) advance() {
	if lx.off >= len(lx.src) {
		return
	}
	if lx.src[lx.off] == '\n' {
		lx.line++
		lx.col = 1
	} else {
		lx.col++
	}
	lx.off++
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// all lexes the whole file.
func (lx *lexer) all() []token {
	toks := make([]token, 0, len(lx.src)/5+1)
	for {
		t := lx.next()
		toks = append(toks, t)
		if t.kind == tokEOF {
			return toks
		}
	}
}

// next returns the next token, collecting `///` lines on the way.
func (lx *lexer) next() token {
	var doc []string
	seenNewline := lx.off == lx.start
	for {
		if t, ok := lx.token(&doc, &seenNewline); ok {
			return t
		}
	}
}

// token skips blanks and comments, collecting doc lines into doc, and lexes
// one token. It returns false after skipping an illegal character, so that
// next loops (rather than recursing once per bad byte).
func (lx *lexer) token(doc *[]string, seenNewline *bool) (token, bool) {
	for lx.off < len(lx.src) {
		c := lx.src[lx.off]
		switch {
		case c == '\n':
			*seenNewline = true
			lx.advance()
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			lx.advance()
			continue
		case c == '/' && lx.peekByte(1) == '/':
			p := lx.pos()
			start := lx.off + 2
			for lx.off < len(lx.src) && lx.src[lx.off] != '\n' && lx.src[lx.off] != '\r' {
				lx.advance()
			}
			if start < len(lx.src) && start <= lx.off && start < lx.off && lx.src[start] == '/' {
				if !*seenNewline {
					lx.errorf(p, "a documentation comment should be on a line on its own")
				} else {
					line := string(lx.src[start+1 : lx.off])
					if !utf8.ValidString(line) {
						// Doc comments are copied into Go source, which
						// must be UTF-8.
						lx.errorf(p, "documentation comment is not valid UTF-8")
					}
					*doc = append(*doc, strings.TrimPrefix(line, " "))
				}
			}
			continue
		case c == '/' && lx.peekByte(1) == '*':
			p := lx.pos()
			lx.advance()
			lx.advance()
			closed := false
			for lx.off < len(lx.src) {
				if lx.src[lx.off] == '*' && lx.peekByte(1) == '/' {
					lx.advance()
					lx.advance()
					closed = true
					break
				}
				if lx.src[lx.off] == '\n' {
					*seenNewline = true
				}
				lx.advance()
			}
			if !closed {
				lx.errorf(p, "end of file in comment")
			}
			continue
		}
		break
	}
	p := lx.pos()
	if lx.off >= len(lx.src) {
		return token{kind: tokEOF, pos: p, doc: *doc}, true
	}
	c := lx.src[lx.off]
	switch {
	case isLetter(c):
		start := lx.off
		for lx.off < len(lx.src) && (isLetter(lx.src[lx.off]) || isDigit(lx.src[lx.off])) {
			lx.advance()
		}
		return token{kind: tokIdent, text: string(lx.src[start:lx.off]), pos: p, doc: *doc}, true
	case isDigit(c) || (c == '.' && isDigit(lx.peekByte(1))):
		return lx.number(p, *doc), true
	case c == '"' || c == '\'':
		return lx.str(p, *doc), true
	case strings.IndexByte("{}()[]:;,=.+-", c) >= 0:
		lx.advance()
		return token{kind: tokPunct, text: string(c), pos: p, doc: *doc}, true
	}
	r, n := utf8.DecodeRune(lx.src[lx.off:])
	if r == utf8.RuneError && n <= 1 {
		lx.errorf(p, "illegal character: byte 0x%02x", c)
	} else {
		lx.errorf(p, "illegal character: %s", quote(string(r)))
	}
	for i := 0; i < n; i++ {
		lx.advance()
	}
	return token{}, false
}

// number lexes an integer or floating-point literal, decimal or hex.
func (lx *lexer) number(p schema.Pos, doc []string) token {
	start := lx.off
	hex := lx.src[lx.off] == '0' && (lx.peekByte(1) == 'x' || lx.peekByte(1) == 'X')
	isFloat := false
	for lx.off < len(lx.src) {
		c := lx.src[lx.off]
		switch {
		case isDigit(c) || isLetter(c):
			if !hex && (c == 'e' || c == 'E') || hex && (c == 'p' || c == 'P') {
				isFloat = true
				if n := lx.peekByte(1); n == '+' || n == '-' {
					lx.advance()
				}
			}
		case c == '.':
			isFloat = true
		default:
			text := string(lx.src[start:lx.off])
			return lx.numTok(text, isFloat, p, doc)
		}
		lx.advance()
	}
	return lx.numTok(string(lx.src[start:lx.off]), isFloat, p, doc)
}

func (lx *lexer) numTok(text string, isFloat bool, p schema.Pos, doc []string) token {
	k := tokInt
	if isFloat {
		k = tokFloat
	}
	if _, ok := parseNumber(text, isFloat); !ok {
		lx.errorf(p, "invalid number: %s", text)
	}
	return token{kind: k, text: text, pos: p, doc: doc}
}

// str lexes a quoted string with flatc's escapes.
func (lx *lexer) str(p schema.Pos, doc []string) token {
	q := lx.src[lx.off]
	lx.advance()
	var b strings.Builder
	for {
		if lx.off >= len(lx.src) || lx.src[lx.off] == '\n' {
			lx.errorf(p, "unterminated string constant")
			return token{kind: tokString, text: b.String(), pos: p, doc: doc}
		}
		c := lx.src[lx.off]
		if c == q {
			lx.advance()
			return token{kind: tokString, text: b.String(), pos: p, doc: doc}
		}
		if c < ' ' && c != '\t' {
			lx.errorf(lx.pos(), "illegal character in string constant")
			lx.advance()
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRune(lx.src[lx.off:])
			if r == utf8.RuneError && n <= 1 {
				lx.errorf(lx.pos(), "illegal UTF-8 sequence in string constant")
			}
			for i := 0; i < n; i++ {
				b.WriteByte(lx.src[lx.off])
				lx.advance()
			}
			continue
		}
		if c != '\\' {
			b.WriteByte(c)
			lx.advance()
			continue
		}
		ep := lx.pos()
		lx.advance()
		e := lx.peekByte(0)
		lx.advance()
		switch e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case '"', '\'', '\\', '/':
			b.WriteByte(e)
		case 'x', 'u':
			n := 2
			if e == 'u' {
				n = 4
			}
			v := 0
			for i := 0; i < n; i++ {
				d := hexVal(lx.peekByte(0))
				if d < 0 {
					lx.errorf(ep, "escape code must be followed by %d hex digits", n)
					break
				}
				v = v*16 + d
				lx.advance()
			}
			if e == 'x' {
				b.WriteByte(byte(v))
			} else {
				b.WriteRune(rune(v))
			}
		default:
			lx.errorf(ep, "unknown escape code in string constant")
		}
	}
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
