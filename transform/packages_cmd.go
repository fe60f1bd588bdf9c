package transform

import (
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// packagesCmd is one package manager command of a RUN, read with that
// manager's own options, so that the value of an option is never taken for
// the subcommand or for a package name.
type packagesCmd struct {
	command
	// Tool is the manager: apt (apt-get, apt), apk, yum (yum, dnf, dnf5,
	// microdnf, tdnf), zypper, pip, npm or yarn.
	Tool string
	// Prog is the program as messages name it: "dnf", "pip3", "pip" for
	// python -m pip.
	Prog string
	// Verb is the subcommand, "" when there is none or when a word with an
	// expansion comes first. Two-word subcommands are joined with a blank:
	// "group install", "module install", "global add".
	Verb string

	first, last int // the index in Args of the first and last verb word, or -1
	kinds       []packagesWord
}

// packagesWord is what one word of a packagesCmd is.
type packagesWord int

const (
	packagesProgram packagesWord = iota
	packagesOption
	packagesValue // the value of the option before it
	packagesVerbWord
	packagesOperand
	packagesUnknown // a word with an expansion in it
)

// packagesValueOptions are, per tool, the options that take the next word
// as their value.
var packagesValueOptions = map[string]map[string]bool{
	"apt": aptValueOptions,
	"apk": packagesSet("-X", "--repository", "-p", "--root", "--keys-dir",
		"--repositories-file", "-t", "--virtual", "--arch", "--cache-dir",
		"--cache-max-age", "--timeout"),
	"yum": packagesSet("-c", "--config", "--installroot", "--releasever",
		"--enablerepo", "--disablerepo", "--repo", "--repoid", "--repofrompath",
		"--setopt", "-x", "--exclude", "--excludepkgs", "--disableexcludes",
		"--disableexcludepkgs", "-d", "--debuglevel", "-e", "--errorlevel",
		"--rpmverbosity", "--color", "--downloaddir", "--destdir", "--forcearch",
		"--enableplugin", "--disableplugin", "-R", "--randomwait", "--advisory",
		"--advisories", "--bz", "--bzs", "--cve", "--cves", "--sec-severity",
		"--secseverity", "--comment"),
	// zypper's options after the subcommand; its global ones are below.
	"zypper": packagesSet("-r", "--repo", "--from", "-t", "--type", "--download"),
	"pip": packagesSet("-r", "--requirement", "-c", "--constraint", "-e",
		"--editable", "-t", "--target", "-i", "--index-url", "--extra-index-url",
		"-f", "--find-links", "--prefix", "--root", "--src", "--upgrade-strategy",
		"--platform", "--python-version", "--implementation", "--abi",
		"--trusted-host", "--cache-dir", "--log", "--log-file", "--proxy",
		"--retries", "--timeout", "--exists-action", "--cert", "--client-cert",
		"--progress-bar", "-C", "--config-settings", "--global-option",
		"--install-option", "--no-binary", "--only-binary", "--report", "--python",
		"--keyring-provider", "--use-feature", "--use-deprecated",
		"--root-user-action", "--group"),
	"npm": packagesSet("--prefix", "-C", "--registry", "--cache", "--userconfig",
		"--globalconfig", "--loglevel", "-w", "--workspace", "--omit", "--include",
		"--tag", "--scope", "--otp", "--location", "-L", "--install-strategy",
		"--before"),
	"yarn": packagesSet("--cwd", "--modules-folder", "--cache-folder",
		"--network-timeout", "--mutex", "--registry", "--global-folder",
		"--link-folder", "--use-yarnrc", "--network-concurrency",
		"--preferred-cache-folder", "--proxy", "--https-proxy"),
}

// packagesZypperGlobal are zypper's global options that take a value. They
// differ from the subcommands' options: -D and -C take a directory before
// the subcommand and are flags after it.
var packagesZypperGlobal = packagesSet("-c", "--config", "-R", "--root",
	"--reposd-dir", "-D", "--cache-dir", "-C", "--raw-cache-dir",
	"--solv-cache-dir", "--pkg-cache-dir", "--installroot", "--releasever",
	"-p", "--plus-repo", "--plus-content", "--userdata")

func packagesSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// packagesTool returns the manager a program name runs, or "".
func packagesTool(c command) string {
	name := c.name()
	switch {
	case isApt(c):
		return "apt"
	case name == "apk" || name == "zypper" || name == "npm":
		return name
	case name == "yum" || name == "dnf" || name == "dnf5" || name == "microdnf" || name == "tdnf":
		return "yum"
	case name == "yarn" || name == "yarnpkg":
		return "yarn"
	case packagesVersioned(name, "pip"):
		return "pip"
	}
	return ""
}

// packagesVersioned reports whether name is base with an optional version
// after it: pip, pip3, pip3.12.
func packagesVersioned(name, base string) bool {
	rest, ok := strings.CutPrefix(name, base)
	return ok && strings.Trim(rest, "0123456789.") == ""
}

// packagesPythonPip returns c from its pip word on when c is
// "python -m pip ...", or "python -mpip ...".
func packagesPythonPip(c command) (command, bool) {
	if !packagesVersioned(c.name(), "python") {
		return c, false
	}
	for i := 1; i < len(c.Args); i++ {
		a := c.Args[i]
		switch {
		case !c.Lit[i] || !strings.HasPrefix(a, "-") || a == "-c":
			return c, false
		case a == "-m" && i+1 < len(c.Args) && c.Lit[i+1] && c.Args[i+1] == "pip":
			return c.from(i + 1), true
		case a == "-mpip":
			return c.from(i), true
		case a == "-W" || a == "-X":
			i++
		}
	}
	return c, false
}

// from returns c without its first i words.
func (c command) from(i int) command {
	return command{Args: c.Args[i:], Lit: c.Lit[i:], Off: c.Off[i:], End: c.End[i:]}
}

// packagesRead reads c as a package manager command.
func packagesRead(c command) (packagesCmd, bool) {
	c = c.unwrap()
	tool, prog := packagesTool(c), c.name()
	if tool == "" {
		pip, ok := packagesPythonPip(c)
		if !ok {
			return packagesCmd{}, false
		}
		c, tool, prog = pip, "pip", "pip"
	}

	pc := packagesCmd{command: c, Tool: tool, Prog: prog, first: -1, last: -1}
	if tool == "apt" {
		// The same reading as AptLists, so the two rules agree.
		pc.first = verbIndex(c)
	} else {
		pc.first = pc.nextWord(1)
	}
	if pc.first > 0 {
		pc.last = pc.first
		pc.Verb = c.Args[pc.first]
		if pc.twoWords() {
			if j := pc.nextWord(pc.first + 1); j > 0 {
				pc.last = j
				pc.Verb += " " + c.Args[j]
			}
		}
	}
	pc.kinds = pc.classify()
	return pc, true
}

// twoWords reports whether the subcommand takes a second word.
func (pc packagesCmd) twoWords() bool {
	switch pc.Tool {
	case "yum":
		return pc.Verb == "group" || pc.Verb == "groups" || pc.Verb == "module"
	case "yarn":
		return pc.Verb == "global"
	}
	return false
}

// valueOptions returns the options that take a value at word i.
func (pc packagesCmd) valueOptions(i int) map[string]bool {
	if pc.Tool == "zypper" && (pc.first < 0 || i < pc.first) {
		return packagesZypperGlobal
	}
	return packagesValueOptions[pc.Tool]
}

// nextWord returns the index of the first word from i on that is not an
// option or an option's value, or -1 when there is none or a word with an
// expansion comes first.
func (pc packagesCmd) nextWord(i int) int {
	opts := pc.valueOptions(i)
	for ; i < len(pc.Args); i++ {
		a := pc.Args[i]
		switch {
		case !pc.Lit[i]:
			return -1
		case opts[a]:
			i++
		case !strings.HasPrefix(a, "-") || a == "-":
			return i
		}
	}
	return -1
}

func (pc packagesCmd) classify() []packagesWord {
	kinds := make([]packagesWord, len(pc.Args))
	endOfOptions := false
	for i := 1; i < len(pc.Args); i++ {
		a := pc.Args[i]
		switch {
		case i == pc.first || i == pc.last:
			kinds[i] = packagesVerbWord
		case !pc.Lit[i]:
			kinds[i] = packagesUnknown
		case endOfOptions || !strings.HasPrefix(a, "-") || a == "-":
			kinds[i] = packagesOperand
		case a == "--":
			kinds[i], endOfOptions = packagesOption, true
		default:
			kinds[i] = packagesOption
			if pc.valueOptions(i)[a] && i+1 < len(pc.Args) {
				i++
				kinds[i] = packagesValue
			}
		}
	}
	return kinds
}

// hasOption reports whether one of the options is given, alone or as
// --name=value.
func (pc packagesCmd) hasOption(names ...string) bool {
	for i, k := range pc.kinds {
		if k != packagesOption {
			continue
		}
		for _, n := range names {
			if pc.Args[i] == n || strings.HasPrefix(pc.Args[i], n+"=") {
				return true
			}
		}
	}
	return false
}

// hasShort reports whether a group of short flags, each one of flags,
// holds letter: -y, -qy. Only the words in [from, to) are looked at.
func (pc packagesCmd) hasShort(letter byte, flags string, from, to int) bool {
	for i := max(from, 1); i < min(to, len(pc.Args)); i++ {
		a := pc.Args[i]
		if pc.kinds[i] != packagesOption || strings.HasPrefix(a, "--") {
			continue
		}
		group := a[1:]
		if strings.Trim(group, flags) == "" && strings.IndexByte(group, letter) >= 0 {
			return true
		}
	}
	return false
}

// optionValue returns the value of the first of the options given, written
// as "--name value", "--name=value" or, for a short option, "-tvalue".
func (pc packagesCmd) optionValue(names ...string) (string, bool) {
	for i, k := range pc.kinds {
		if k != packagesOption {
			continue
		}
		a := pc.Args[i]
		for _, n := range names {
			switch {
			case a == n && i+1 < len(pc.Args) && pc.kinds[i+1] == packagesValue:
				return pc.Args[i+1], true
			case strings.HasPrefix(a, n+"="):
				return a[len(n)+1:], true
			case len(n) == 2 && len(a) > 2 && !strings.HasPrefix(a, "--") && strings.HasPrefix(a, n):
				return a[2:], true
			}
		}
	}
	return "", false
}

// operands returns the indices of the literal words after the subcommand
// that are neither options nor option values: package names, paths, URLs.
func (pc packagesCmd) operands() []int {
	var out []int
	for i, k := range pc.kinds {
		if k == packagesOperand && i > pc.last && pc.last > 0 {
			out = append(out, i)
		}
	}
	return out
}

// editable reports whether the command's words can be edited in the RUN.
func (pc packagesCmd) editable(r *runScript) bool {
	return r.editable() && pc.command.editable() && pc.last > 0
}

// insertAfterVerb returns an edit that inserts text after the subcommand.
func (pc packagesCmd) insertAfterVerb(r *runScript, text string) Edit {
	return r.insert(pc.End[pc.last], text)
}

// packagesWhy explains why a finding in c is reported instead of rewritten.
func packagesWhy(r *runScript, pc packagesCmd) string {
	if r.editable() && !pc.command.editable() {
		return " (not rewritten: the command is inside a quoted `sh -c` string)"
	}
	return why(r)
}

// packagesMounted reports whether the RUN mounts a cache or a tmpfs at one
// of dirs or at a directory above it, so that what is written there never
// reaches the layer.
func packagesMounted(run *instructions.RunCommand, dirs ...string) bool {
	for _, m := range instructions.GetMounts(run) {
		if m.Type != instructions.MountTypeCache && m.Type != instructions.MountTypeTmpfs {
			continue
		}
		t := path.Clean(m.Target)
		for _, d := range dirs {
			if t == d || strings.HasPrefix(d, t+"/") || t == "/" {
				return true
			}
		}
	}
	return false
}

// packagesRemoves reports whether c is an rm that empties one of dirs: a
// recursive rm of the directory or a directory above it, or an rm of
// paths inside it such as dir/*.
func packagesRemoves(c command, dirs ...string) bool {
	c = c.unwrap()
	if c.name() != "rm" {
		return false
	}
	recursive := false
	var targets []string
	for i, a := range c.Args[1:] {
		switch {
		case a == "--recursive" || (strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") &&
			strings.ContainsAny(a, "rR")):
			recursive = true
		case !strings.HasPrefix(a, "-") && c.Lit[i+1]:
			targets = append(targets, a)
		}
	}
	for _, t := range targets {
		t = strings.TrimSuffix(t, "/")
		for _, d := range dirs {
			inside := strings.HasPrefix(t, d+"/")
			above := t == d || strings.HasPrefix(d, t+"/")
			if inside || (above && recursive) {
				return true
			}
		}
	}
	return false
}
