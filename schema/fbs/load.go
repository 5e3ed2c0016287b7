package fbs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/wsgen/wsgen/schema"
)

// Options configures Load. The zero value reads files from the operating
// system and searches includes only next to the including file.
type Options struct {
	// IncludeDirs are the -I paths, searched in order after the including
	// file's directory.
	IncludeDirs []string
	// ReadFile reads a file; nil means os.ReadFile.
	ReadFile func(path string) ([]byte, error)
}

// Load parses the named files and everything they include and resolves
// them into one model.
//
// Input errors come back as a schema.Diagnostics error (all of them, capped
// by schema.Reporter), with positions "file:line:col"; an unreadable file is
// a diagnostic at the include's position (or with no position for a file
// named in paths).
//
// An include is searched next to the including file, then in each of
// opts.IncludeDirs, then next to the input file it was reached from (as
// flatc does). Every file is read once, however often it is included, and
// include cycles are allowed.
func Load(paths []string, opts Options) (*schema.Schema, error) {
	l := &loader{
		opts:  opts,
		rep:   &schema.Reporter{},
		files: make(map[string]*fileAST),
	}
	if l.opts.ReadFile == nil {
		l.opts.ReadFile = os.ReadFile
	}
	if len(paths) == 0 {
		l.rep.Errorf(schema.Pos{}, "no input files")
	}
	for _, p := range paths {
		p = filepath.Clean(p)
		l.inputDir = filepath.Dir(p)
		if f := l.load(p); f != nil {
			l.inputs = append(l.inputs, f)
		}
	}
	var s *schema.Schema
	if len(l.rep.Diags) == 0 {
		s = resolve(l.order, l.inputs, l.rep)
	}
	if len(l.rep.Diags) > 0 {
		return nil, sorted(l.rep)
	}
	return s, nil
}

// sorted returns the reporter's diagnostics in file and position order,
// with the "too many errors" mark, when the cap was reached, last and
// without a position.
func sorted(rep *schema.Reporter) schema.Diagnostics {
	ds := rep.Diags
	if !rep.Full() {
		return ds.Sort()
	}
	last := ds[len(ds)-1]
	return append(ds[:len(ds)-1].Sort(), schema.Diagnostic{Msg: last.Msg})
}

// loader reads and parses files, following includes depth first so that
// l.order lists each file after the files it includes.
type loader struct {
	opts  Options
	rep   *schema.Reporter
	files map[string]*fileAST // by cleaned path; present from the moment parsing starts
	order []*fileAST
	// inputs are the files named in paths, in that order (repeats kept).
	inputs []*fileAST
	// inputDir is the directory of the input file being loaded; flatc
	// searches it for includes after the include directories.
	inputDir string
}

// load reads and parses the input file at path (already cleaned) unless it
// was loaded before, then loads its includes.
func (l *loader) load(path string) *fileAST {
	if f, ok := l.files[path]; ok {
		f.file.Input = true
		return f
	}
	src, err := l.opts.ReadFile(path)
	if err != nil {
		l.rep.Errorf(schema.Pos{}, "%s: cannot read file: %s", path, errText(err))
		return nil
	}
	return l.parse(path, src, true)
}

// parse lexes and parses src as the file path and loads its includes.
func (l *loader) parse(path string, src []byte, input bool) *fileAST {
	f := &fileAST{file: &schema.File{Path: path, Input: input}}
	l.files[path] = f
	lx := newLexer(path, src, l.rep)
	p := &parser{toks: lx.all(), rep: l.rep, ast: f}
	p.parseFile()
	for _, inc := range f.includes {
		if l.rep.Full() {
			break
		}
		if g := l.include(path, inc); g != nil {
			f.file.Includes = append(f.file.Includes, g.file)
		}
	}
	l.order = append(l.order, f)
	return f
}

// include finds an included file: next to the including file, then in
// each include directory, then next to the input file that led here.
func (l *loader) include(from string, inc includeDecl) *fileAST {
	var cands []string
	if filepath.IsAbs(inc.path) {
		cands = []string{filepath.Clean(inc.path)}
	} else {
		cands = append(cands, filepath.Join(filepath.Dir(from), inc.path))
		for _, d := range l.opts.IncludeDirs {
			cands = append(cands, filepath.Join(d, inc.path))
		}
		cands = append(cands, filepath.Join(l.inputDir, inc.path))
	}
	var firstErr error
	for _, c := range cands {
		if f, ok := l.files[c]; ok {
			return f
		}
		src, err := l.opts.ReadFile(c)
		if err == nil {
			return l.parse(c, src, false)
		}
		// Report the first error that is not "does not exist", if any.
		if firstErr == nil || errors.Is(firstErr, fs.ErrNotExist) && !errors.Is(err, fs.ErrNotExist) {
			firstErr = err
		}
	}
	if errors.Is(firstErr, fs.ErrNotExist) {
		l.rep.Errorf(inc.pos, "unable to locate include file %s", quote(inc.path))
	} else {
		l.rep.Errorf(inc.pos, "unable to load include file %s: %s", quote(inc.path), errText(firstErr))
	}
	return nil
}

// errText is err's message without the path os.ReadFile repeats.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
