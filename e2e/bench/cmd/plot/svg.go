package main

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// series is one line (or group of bars) of a chart.
type series struct {
	name   string
	values []float64 // NaN: no value
}

// chart is a line or bar chart with categorical x values.
type chart struct {
	title, yLabel string
	xLabels       []string
	series        []series
	logY          bool
	bars          bool
}

const (
	chartW, chartH           = 760, 420
	padL, padR, padT, padB   = 80, 150, 40, 50
	plotW, plotH             = chartW - padL - padR, chartH - padT - padB
	fontAttrs                = `font-family="sans-serif" font-size="12"`
	legendRowH, legendSwatch = 18, 12
)

// palette gives each system the same color in every chart.
var palette = map[string]string{
	"grpc": "#4e79a7", "wsgen": "#e15759", "wsgen-obj": "#f28e2b",
	"connect": "#76b7b2", "drpc": "#59a14f", "rawws": "#7f7f7f",
}

func colorOf(name string, i int) string {
	if c, ok := palette[name]; ok {
		return c
	}
	others := []string{"#edc948", "#b07aa1", "#ff9da7", "#9c755f"}
	return others[i%len(others)]
}

// yRange returns the axis range covering every value.
func (c *chart) yRange() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range c.series {
		for _, v := range s.values {
			if math.IsNaN(v) || (c.logY && v <= 0) {
				continue
			}
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	if math.IsInf(lo, 1) {
		if c.logY {
			return 1, 10
		}
		return 0, 1
	}
	if c.logY {
		lo, hi = math.Pow(10, math.Floor(math.Log10(lo))), math.Pow(10, math.Ceil(math.Log10(hi)))
		if hi <= lo {
			hi = lo * 10
		}
		return lo, hi
	}
	if c.bars || lo > 0 {
		lo = 0
	}
	return lo, niceCeil(hi)
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// ticks returns the y axis tick values.
func (c *chart) ticks(lo, hi float64) []float64 {
	var t []float64
	if c.logY {
		for v := lo; v <= hi*1.0001 && len(t) < 20; v *= 10 {
			t = append(t, v)
		}
		return t
	}
	step := niceCeil((hi - lo) / 5)
	for v := lo; v <= hi*1.0001 && len(t) < 20; v += step {
		t = append(t, v)
	}
	return t
}

// human formats v with a k/M/G suffix.
func human(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e9:
		return trimZero(fmt.Sprintf("%.1f", v/1e9)) + "G"
	case a >= 1e6:
		return trimZero(fmt.Sprintf("%.1f", v/1e6)) + "M"
	case a >= 1e3:
		return trimZero(fmt.Sprintf("%.1f", v/1e3)) + "k"
	}
	return trimZero(fmt.Sprintf("%.1f", v))
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

// writeSVG renders c.
func (c *chart) writeSVG(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">`+"\n", chartW, chartH, chartW, chartH)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(&b, `<text x="%d" y="24" font-family="sans-serif" font-size="15" font-weight="bold">%s</text>`+"\n", padL, html.EscapeString(c.title))
	lo, hi := c.yRange()
	y := func(v float64) float64 {
		if c.logY {
			return float64(padT+plotH) - (math.Log10(v)-math.Log10(lo))/(math.Log10(hi)-math.Log10(lo))*plotH
		}
		return float64(padT+plotH) - (v-lo)/(hi-lo)*plotH
	}
	nx := max(len(c.xLabels), 1)
	slot := float64(plotW) / float64(nx)
	x := func(i int) float64 { return padL + slot*(float64(i)+0.5) }
	// Grid and y labels.
	for _, t := range c.ticks(lo, hi) {
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>`+"\n", padL, y(t), padL+plotW, y(t))
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" %s text-anchor="end">%s</text>`+"\n", padL-6, y(t)+4, fontAttrs, human(t))
	}
	fmt.Fprintf(&b, `<text x="16" y="%d" %s transform="rotate(-90 16 %d)" text-anchor="middle">%s</text>`+"\n", padT+plotH/2, fontAttrs, padT+plotH/2, html.EscapeString(c.yLabel))
	fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#888"/>`+"\n", padL, padT, plotW, plotH)
	for i, l := range c.xLabels {
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" %s text-anchor="middle">%s</text>`+"\n", x(i), padT+plotH+18, fontAttrs, html.EscapeString(l))
	}
	base := y(lo)
	if c.logY {
		base = float64(padT + plotH)
	}
	barW := slot * 0.8 / float64(max(len(c.series), 1))
	for si, s := range c.series {
		color := colorOf(s.name, si)
		var pts []string
		for i, v := range s.values {
			if math.IsNaN(v) || (c.logY && v <= 0) || i >= nx {
				continue
			}
			if c.bars {
				bx := padL + slot*float64(i) + slot*0.1 + barW*float64(si)
				fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s: %s</title></rect>`+"\n",
					bx, y(v), barW, base-y(v), color, html.EscapeString(s.name), human(v))
				continue
			}
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(v)))
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"><title>%s: %s</title></circle>`+"\n", x(i), y(v), color, html.EscapeString(s.name), human(v))
		}
		if len(pts) > 1 {
			fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n", strings.Join(pts, " "), color)
		}
		ly := padT + 10 + si*legendRowH
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>`+"\n", padL+plotW+14, ly, legendSwatch, legendSwatch, color)
		fmt.Fprintf(&b, `<text x="%d" y="%d" %s>%s</text>`+"\n", padL+plotW+32, ly+11, fontAttrs, html.EscapeString(s.name))
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
