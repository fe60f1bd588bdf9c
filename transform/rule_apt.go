package transform

import (
	"context"
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// AptLists keeps apt's package lists out of image layers and makes installs
// non-interactive and minimal.
var AptLists = &Rule{
	ID:      "AptLists",
	Summary: "apt-get update, install and list cleanup belong in one RUN",
	Default: ActionFix,
	Check:   checkAptLists,
}

const (
	aptListsDir  = "/var/lib/apt/lists"
	aptListsRm   = "rm -rf /var/lib/apt/lists/*"
	aptListsHint = "end the same RUN with `" + aptListsRm + "`"
)

func checkAptLists(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, st := range p.UsedStages() {
		for i, in := range st.Instructions {
			if _, ok := in.Command.(*instructions.RunCommand); !ok {
				continue
			}
			out = append(out, aptFindings(p, st, i)...)
		}
	}
	return out, nil
}

// aptUse is what one RUN does with apt.
type aptUse struct {
	update, install []command
	cleanAfter      bool // lists removed after the last update or install
}

func readApt(s *script) aptUse {
	var u aptUse
	last := -1
	for i, c := range s.Commands {
		c = c.unwrap()
		switch {
		case isApt(c) && aptVerb(c) == "update":
			u.update = append(u.update, c)
			last, u.cleanAfter = i, false
		case isApt(c) && aptVerb(c) == "install":
			u.install = append(u.install, c)
			last, u.cleanAfter = i, false
		case last >= 0 && (removesAptLists(c) || isApt(c) && aptVerb(c) == "dist-clean"):
			u.cleanAfter = true
		}
	}
	return u
}

func aptFindings(p *Pass, st *Stage, i int) []Finding {
	r := p.runScript(st, i)
	if r.Script == nil {
		return nil
	}
	use := readApt(r.Script)
	if len(use.update) == 0 && len(use.install) == 0 {
		return nil
	}

	n := st.Instructions[i].Node
	var out []Finding
	for _, c := range use.install {
		if aptSimulates(c) {
			continue
		}
		if f, ok := aptInstallFlags(r, c, n.StartLine, n.EndLine); ok {
			out = append(out, f)
		}
	}
	if mountsAptLists(r.Run) || len(use.update) == 0 {
		return out
	}

	if len(use.install) == 0 {
		return append(out, Finding{
			Severity: SeverityError,
			Location: nodeRange(n),
			Message:  "apt-get update without an install in the same RUN leaves a stale package index in a layer",
			Fix:      "run `apt-get update && apt-get install -y --no-install-recommends <packages> && " + aptListsRm + "` in one RUN",
		})
	}
	if use.cleanAfter {
		return out
	}
	f := Finding{
		Severity: SeverityError,
		Location: nodeRange(n),
		Message:  "apt-get update leaves the package lists in " + aptListsDir + " in the image layer",
		Fix:      aptListsHint,
	}
	if e, ok := appendCommand(r, aptListsRm); ok {
		f.Edits = []Edit{e}
		f.Change = "appended `&& " + aptListsRm + "` to the RUN"
	} else {
		f.Fix = aptListsHint + why(r)
	}
	return append(out, f)
}

// why explains why a RUN is reported instead of rewritten.
func why(r *runScript) string {
	switch {
	case r.Heredoc:
		return " (not rewritten: heredoc RUNs are changed by hand)"
	case r.Exec:
		return " (not rewritten: exec-form RUNs are changed by hand)"
	}
	return " (not rewritten: the RUN could not be changed safely)"
}

func isApt(c command) bool {
	n := c.name()
	return n == "apt-get" || n == "apt"
}

// aptValueOptions are apt-get options that take the next word as a value.
var aptValueOptions = map[string]bool{
	"-o": true, "-c": true, "-t": true, "-a": true,
	"--option": true, "--config-file": true, "--target-release": true,
	"--default-release": true, "--host-architecture": true,
}

// aptVerb returns apt's subcommand: its first argument that is not an
// option or an option's value.
func aptVerb(c command) string {
	for i := 1; i < len(c.Args); i++ {
		a := c.Args[i]
		if aptValueOptions[a] {
			i++
			continue
		}
		if !strings.HasPrefix(a, "-") {
			return a
		}
	}
	return ""
}

func aptHasYes(c command) bool {
	for _, a := range c.Args[1:] {
		switch {
		case a == "--yes" || a == "--assume-yes" || a == "--force-yes":
			return true
		case a == "-qq" || strings.Contains(a, "Assume-Yes=true"):
			return true
		case strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.Contains(a, "y"):
			return true
		}
	}
	return false
}

// aptSimulates reports whether the install only simulates (-s and its
// long names), so it installs nothing and asks nothing.
func aptSimulates(c command) bool {
	for _, a := range c.Args[1:] {
		switch a {
		case "-s", "--simulate", "--just-print", "--dry-run", "--recon", "--no-act":
			return true
		}
	}
	return false
}

func aptNoRecommends(c command) bool {
	for _, a := range c.Args[1:] {
		if a == "--no-install-recommends" || strings.Contains(a, "Install-Recommends=false") ||
			strings.Contains(a, "Install-Recommends=0") {
			return true
		}
	}
	return false
}

// aptInstallFlags reports an install that lacks -y or
// --no-install-recommends, with edits that add them after "install".
func aptInstallFlags(r *runScript, c command, start, end int) (Finding, bool) {
	var missing []string
	if !aptHasYes(c) {
		missing = append(missing, "-y")
	}
	if !aptNoRecommends(c) {
		missing = append(missing, "--no-install-recommends")
	}
	if len(missing) == 0 {
		return Finding{}, false
	}

	add := strings.Join(missing, " ")
	f := Finding{
		Severity: SeverityError,
		Location: lineRange(start, end),
		Message:  c.name() + " install without " + strings.Join(missing, " and "),
		Fix:      "add `" + add + "` to the install",
	}
	verb := verbIndex(c)
	if r.editable() && c.editable() && verb > 0 {
		f.Edits = []Edit{r.insert(c.End[verb], " "+add)}
		f.Change = "added `" + add + "` after `install`"
	} else {
		f.Fix += why(r)
	}
	return f, true
}

func verbIndex(c command) int {
	for i := 1; i < len(c.Args); i++ {
		if aptValueOptions[c.Args[i]] {
			i++
			continue
		}
		if !strings.HasPrefix(c.Args[i], "-") {
			return i
		}
	}
	return -1
}

// removesAptLists reports whether c is an rm -r of the apt lists.
func removesAptLists(c command) bool {
	if c.name() != "rm" {
		return false
	}
	recursive := false
	var targets []string
	for i, a := range c.Args[1:] {
		switch {
		case a == "--recursive" || (strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.ContainsAny(a, "rR")):
			recursive = true
		case !strings.HasPrefix(a, "-"):
			if c.Lit[i+1] {
				targets = append(targets, a)
			}
		}
	}
	for _, t := range targets {
		if t == aptListsDir || strings.HasPrefix(t, aptListsDir+"/") {
			return recursive
		}
	}
	return false
}

// mountsAptLists reports whether the RUN mounts a cache or tmpfs over the
// apt lists, so they never reach the layer.
func mountsAptLists(run *instructions.RunCommand) bool {
	for _, m := range instructions.GetMounts(run) {
		if m.Type != instructions.MountTypeCache && m.Type != instructions.MountTypeTmpfs {
			continue
		}
		t := path.Clean(m.Target)
		if t == aptListsDir || strings.HasPrefix(aptListsDir, t+"/") {
			return true
		}
	}
	return false
}

// appendCommand returns an edit that runs cmd after the RUN's script when
// it succeeded, if the script can take it safely.
func appendCommand(r *runScript, cmd string) (Edit, bool) {
	if !r.editable() || len(r.Script.File.Last) > 0 {
		return Edit{}, false
	}
	stmts := r.Script.File.Stmts
	if len(stmts) == 0 {
		return Edit{}, false
	}
	last := stmts[len(stmts)-1]
	if last.Background || last.Coprocess || len(last.Comments) > 0 {
		return Edit{}, false
	}

	// Before a trailing ";", so that the RUN still fails when its last
	// command does.
	src := strings.TrimRight(r.Script.Src, " \t")
	at := len(src)
	if strings.HasSuffix(src, ";") && !strings.HasSuffix(src, ";;") {
		at = len(strings.TrimRight(src[:at-1], " \t"))
	}
	text := " && " + cmd
	fixed := src[:at] + text + src[at:]
	if _, err := parseShell(fixed, true); err != nil {
		return Edit{}, false
	}
	return r.insert(at, text), true
}
