package cli

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// diffContext is how many unchanged lines surround each change.
const diffContext = 3

// WriteDiff writes a unified diff of the fixes of every file that has
// some, with the file's path on both sides, for `patch -p0` (or
// `git apply -p0`) run in the folder the command ran in. Absolute paths
// are made relative to cwd when they lie under it, as patch refuses
// absolute names.
func WriteDiff(w io.Writer, res *Result, cwd string) error {
	var b bytes.Buffer
	for _, f := range res.Files {
		if f.Err != nil || !f.Report.Changed() {
			continue
		}
		name := diffName(f.Path, cwd)
		unifiedDiff(&b, name, f.Source, f.Report.Output)
	}
	_, err := w.Write(b.Bytes())
	return err
}

func diffName(p, cwd string) string {
	if filepath.IsAbs(p) && cwd != "" {
		if rel, err := filepath.Rel(cwd, p); err == nil && !strings.HasPrefix(rel, "..") {
			p = rel
		}
	}
	return filepath.ToSlash(p)
}

// unifiedDiff writes the diff of old and new. Fixes keep every line on
// its number, so lines are compared one to one; should the counts ever
// differ, the whole file is one hunk.
func unifiedDiff(b *bytes.Buffer, name string, old, new []byte) {
	a, z := splitKeepEnds(old), splitKeepEnds(new)
	if bytes.Equal(old, new) {
		return
	}
	fmt.Fprintf(b, "--- %s\n+++ %s\n", name, name)
	if len(a) != len(z) {
		writeHunk(b, a, z, 0, len(a), 0, len(z))
		return
	}
	for _, h := range hunks(a, z) {
		writeHunk(b, a, z, h[0], h[1], h[0], h[1])
	}
}

// hunks returns the [start, end) line ranges of the hunks: each changed
// line with diffContext lines around it, overlapping ranges merged.
func hunks(a, z [][]byte) [][2]int {
	var out [][2]int
	for i := range a {
		if bytes.Equal(a[i], z[i]) {
			continue
		}
		start, end := max(0, i-diffContext), min(len(a), i+1+diffContext)
		if n := len(out); n > 0 && start <= out[n-1][1] {
			out[n-1][1] = end
			continue
		}
		out = append(out, [2]int{start, end})
	}
	return out
}

// writeHunk writes old lines [as, ae) against new lines [zs, ze). Runs of
// changed lines are written all old lines first, then all new ones.
func writeHunk(b *bytes.Buffer, a, z [][]byte, as, ae, zs, ze int) {
	fmt.Fprintf(b, "@@ -%s +%s @@\n", hunkRange(as, ae-as), hunkRange(zs, ze-zs))
	if len(a) != len(z) {
		for _, l := range a[as:ae] {
			diffLine(b, '-', l)
		}
		for _, l := range z[zs:ze] {
			diffLine(b, '+', l)
		}
		return
	}
	for i := as; i < ae; {
		if bytes.Equal(a[i], z[i]) {
			diffLine(b, ' ', a[i])
			i++
			continue
		}
		j := i
		for j < ae && !bytes.Equal(a[j], z[j]) {
			j++
		}
		for _, l := range a[i:j] {
			diffLine(b, '-', l)
		}
		for _, l := range z[i:j] {
			diffLine(b, '+', l)
		}
		i = j
	}
}

func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

func diffLine(b *bytes.Buffer, op byte, line []byte) {
	b.WriteByte(op)
	b.Write(line)
	if !bytes.HasSuffix(line, []byte("\n")) {
		b.WriteString("\n\\ No newline at end of file\n")
	}
}

// splitKeepEnds splits dt into lines that keep their "\n".
func splitKeepEnds(dt []byte) [][]byte {
	lines := bytes.SplitAfter(dt, []byte("\n"))
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	return lines
}
