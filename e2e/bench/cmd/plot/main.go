// Command plot turns `go test -bench` output of e2e/bench (one or more runs
// of each case; the median is used) into SVG charts and a Markdown section
// with the result tables and the performance targets.
//
//	go run ./bench/cmd/plot -svg ../docs/bench -md ../docs/bench/tables.md results.txt
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	svgDir := flag.String("svg", "", "write the charts into this directory")
	mdPath := flag.String("md", "", "write the Markdown tables to this file (- for stdout)")
	flag.Parse()
	if err := run(flag.Args(), *svgDir, *mdPath); err != nil {
		fmt.Fprintln(os.Stderr, "plot:", err)
		os.Exit(1)
	}
}

func run(inputs []string, svgDir, mdPath string) error {
	if len(inputs) == 0 {
		return fmt.Errorf("no input files (go test -bench output)")
	}
	r := results{}
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
	if len(r) == 0 {
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
	if mdPath != "" {
		md := markdown(r)
		if mdPath == "-" {
			_, err := os.Stdout.WriteString(md)
			return err
		}
		return os.WriteFile(mdPath, []byte(md), 0o644)
	}
	return nil
}
