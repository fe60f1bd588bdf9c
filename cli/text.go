package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// ANSI styles for the text report.
const (
	styleBold   = "\x1b[1m"
	styleRed    = "\x1b[1;31m"
	styleYellow = "\x1b[1;33m"
	styleGreen  = "\x1b[1;32m"
	styleBlue   = "\x1b[34m"
	styleDim    = "\x1b[2m"
	styleReset  = "\x1b[0m"
)

// WriteText writes the report for people: each finding as
// PATH:LINE:COLUMN: RULE: OUTCOME: MESSAGE, the source line with carets
// under what it is about, the change made or the fix to make, and a
// summary line at the end. With color set it uses ANSI colours.
func WriteText(w io.Writer, res *Result, color bool) error {
	t := &textWriter{w: w, color: color}
	for _, f := range res.Files {
		t.file(f)
	}
	t.printf("%s\n", t.style(styleBold, res.Summary().String()))
	return t.err
}

type textWriter struct {
	w     io.Writer
	color bool
	err   error
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

func (t *textWriter) style(style, s string) string {
	if !t.color || s == "" {
		return s
	}
	return style + s + styleReset
}

func (t *textWriter) file(f *File) {
	if f.Err != nil {
		loc := f.Path
		if line := errorLine(f.Err); line > 0 {
			loc += ":" + strconv.Itoa(line)
		}
		t.printf("%s: %s %s\n\n", t.style(styleBold, loc), t.style(styleRed, "error:"), f.Err)
		return
	}
	for _, r := range f.Report.Results {
		t.finding(f, r)
	}
	if f.Written {
		t.printf("%s\n\n", t.style(styleGreen, "wrote "+f.Path))
	}
}

func (t *textWriter) finding(f *File, r transform.Result) {
	m := markOf(f.Report.Dockerfile, r)
	out := outcome(f, r)
	loc := f.Path + ":"
	if m.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d:", f.Path, m.Line, m.Column())
	}
	t.printf("%s %s: %s %s\n", t.style(styleBold, loc), r.Rule.ID,
		t.style(outcomeStyle(out), out+":"), r.Message)

	gutter := strconv.Itoa(m.Line)
	pad := strings.Repeat(" ", len(gutter))
	if m.Line > 0 {
		marks := t.style(outcomeStyle(out), underline(m.Text, m.Spans))
		t.printf(" %s %s %s\n", t.style(styleBlue, gutter), t.style(styleBlue, "|"), m.Text)
		t.printf(" %s %s %s\n", pad, t.style(styleBlue, "|"), marks)
	}
	if r.Outcome == transform.Fixed {
		t.printf(" %s %s change: %s\n", pad, t.style(styleBlue, "="), r.Change)
	} else {
		t.printf(" %s %s fix: %s\n", pad, t.style(styleBlue, "="), r.Fix)
		t.printf(" %s %s %s\n", pad, t.style(styleBlue, "="), t.style(styleDim, "see: "+r.Rule.URL()))
	}
	t.printf("\n")
}

func outcomeStyle(outcome string) string {
	switch outcome {
	case "error":
		return styleRed
	case "warning":
		return styleYellow
	}
	return styleGreen
}
