// Command plot turns `go test -bench` output of e2e/bench (one or more runs
// of each case; the median is used) into SVG charts and a Markdown section
// with the result tables and the performance targets.
//
//	go run ./bench/cmd/plot -svg ../docs/bench -md ../docs/bench/tables.md \
//		-into ../docs/benchmarks.md ../docs/bench/results-DATE.txt
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	svgDir := flag.String("svg", "", "write the charts into this directory")
	mdPath := flag.String("md", "", "write the Markdown tables to this file (- for stdout)")
	into := flag.String("into", "", "also replace the part of this Markdown file between the lines "+beginMark+" and "+endMark+" with the tables")
	flag.Parse()
	if err := run(flag.Args(), *svgDir, *mdPath, *into); err != nil {
		fmt.Fprintln(os.Stderr, "plot:", err)
		os.Exit(1)
	}
}

func run(inputs []string, svgDir, mdPath, into string) error {
	if len(inputs) == 0 {
		return fmt.Errorf("no input files (go test -bench output)")
	}
	r := newResults()
	for _, in := range inputs {
		f, err := os.Open(in)
		if err != nil {
			return err
		}
		err = parseBench(f, r)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %v", in, err)
		}
	}
	if len(r.bench) == 0 {
		return fmt.Errorf("no benchmark results in %v", inputs)
	}
	if svgDir != "" {
		if err := os.MkdirAll(svgDir, 0o755); err != nil {
			return err
		}
		for name, c := range charts(r) {
			var b bytes.Buffer
			if err := c.writeSVG(&b); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(svgDir, name), b.Bytes(), 0o644); err != nil {
				return err
			}
		}
	}
	md := markdown(r)
	switch mdPath {
	case "":
	case "-":
		if _, err := os.Stdout.WriteString(md); err != nil {
			return err
		}
	default:
		if err := os.WriteFile(mdPath, []byte(md), 0o644); err != nil {
			return err
		}
	}
	if into != "" {
		doc, err := os.ReadFile(into)
		if err != nil {
			return err
		}
		out, err := splice(string(doc), md)
		if err != nil {
			return fmt.Errorf("%s: %v", into, err)
		}
		return os.WriteFile(into, []byte(out), 0o644)
	}
	return nil
}

// The lines between which -into puts the tables.
const (
	beginMark = "<!-- bench tables begin -->"
	endMark   = "<!-- bench tables end -->"
)

// splice replaces what lies between the marker lines of doc with md.
func splice(doc, md string) (string, error) {
	i := strings.Index(doc, beginMark+"\n")
	j := strings.Index(doc, endMark)
	if i < 0 || j < i {
		return "", fmt.Errorf("no %s ... %s lines", beginMark, endMark)
	}
	return doc[:i+len(beginMark)+1] + md + doc[j:], nil
}
