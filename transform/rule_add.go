package transform

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// UnsafeAdd wants remote ADD sources verified by checksum, and COPY where
// ADD would only copy.
var UnsafeAdd = &Rule{
	ID:      "UnsafeAdd",
	Summary: "ADD downloads carry --checksum, and plain files use COPY",
	Default: ActionFix,
	Check:   checkUnsafeAdd,
}

func checkUnsafeAdd(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, st := range p.UsedStages() {
		for _, in := range st.Instructions {
			add, ok := in.Command.(*instructions.AddCommand)
			if !ok {
				continue
			}
			if f, ok := p.addFinding(in, add); ok {
				out = append(out, f)
			}
		}
	}
	return out, nil
}

func (p *Pass) addFinding(in Instruction, add *instructions.AddCommand) (Finding, bool) {
	var remote []string
	for _, src := range add.SourcePaths {
		if isURL(src) {
			remote = append(remote, src)
		}
	}
	if len(remote) > 0 {
		if add.Checksum != "" || isGitSource(remote[0]) {
			return Finding{}, false
		}
		return Finding{
			Severity: SeverityError,
			Location: nodeRange(in.Node),
			Message:  fmt.Sprintf("ADD downloads %s without verifying it", remote[0]),
			Fix: "add `--checksum=sha256:<digest of the file>` to the ADD, or download it in a RUN " +
				"and check it with `sha256sum -c` (COPY cannot download)",
		}, true
	}

	for _, src := range add.SourcePaths {
		if !plainLocal(src) {
			return Finding{}, false
		}
	}
	if add.Unpack != nil || add.KeepGitDir != nil || add.Checksum != "" || addOnlyFlags(in.Node.Flags) {
		return Finding{}, false
	}
	f := Finding{
		Severity: SeverityWarning,
		Location: nodeRange(in.Node),
		Message:  "ADD of local files that are not archives: ADD's extra powers are not needed",
		Fix:      "use COPY",
	}
	if e, ok := p.replaceKeyword(in, "COPY"); ok {
		f.Edits = []Edit{e}
		f.Change = "replaced ADD with COPY"
	}
	return f, true
}

// addOnlyFlags reports whether flags holds one that COPY does not take,
// even with an empty value.
func addOnlyFlags(flags []string) bool {
	for _, f := range flags {
		name, _, _ := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		switch name {
		case "checksum", "keep-git-dir", "unpack":
			return true
		}
	}
	return false
}

// replaceKeyword returns an edit that swaps the instruction's keyword for
// another, in the same letter case.
func (p *Pass) replaceKeyword(in Instruction, keyword string) (Edit, bool) {
	start, end, ok := p.keywordSpan(in)
	if !ok {
		return Edit{}, false
	}
	line := p.Line(in.Node.StartLine)
	if line[start:end] == strings.ToLower(line[start:end]) {
		keyword = strings.ToLower(keyword)
	}
	return Edit{Line: in.Node.StartLine, Start: start, End: end, Text: keyword}, true
}

func isURL(src string) bool {
	return strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") ||
		isGitSource(src)
}

func isGitSource(src string) bool {
	return strings.HasPrefix(src, "git@") || strings.HasPrefix(src, "git://") ||
		strings.HasPrefix(src, "ssh://") ||
		strings.Contains(src, ".git#") || strings.HasSuffix(src, ".git")
}

// archiveExts are the endings of files that ADD may unpack. ADD decides by
// content, so any compressed or archive-like name keeps its ADD.
var archiveExts = []string{
	".tar", ".tgz", ".tbz", ".tbz2", ".txz", ".tzst", ".taz", ".tlz",
	".gz", ".bz2", ".xz", ".zst", ".lz", ".lzma", ".lz4", ".z", ".zip",
}

// plainLocal reports whether src is a local path that ADD would only copy:
// no variables, and no name that could be an archive.
func plainLocal(src string) bool {
	if strings.ContainsAny(src, "$") {
		return false
	}
	base := strings.ToLower(path.Base(src))
	if strings.ContainsAny(base, "*?[") && path.Ext(base) == "" {
		return false
	}
	for _, ext := range archiveExts {
		if strings.HasSuffix(base, ext) || strings.HasSuffix(base, ext+"*") {
			return false
		}
	}
	return !strings.HasSuffix(base, "*")
}
