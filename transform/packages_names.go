package transform

import (
	"strings"
)

// packagesPkg is one package that an install command of a RUN names.
type packagesPkg struct {
	Cmd packagesCmd
	// Name is the package without version, release or architecture;
	// Base is Name cut before a "-<digit>" rpm version (git-2.0 is git).
	Name, Base string
	// Virtual is the apk --virtual group the package was added in.
	Virtual string
	// Removed is set when the same RUN removes the package again.
	Removed bool
}

// is reports whether the package is one of names.
func (p packagesPkg) is(names map[string]bool) bool {
	return names[p.Name] || names[p.Base]
}

// installs reports whether the command installs packages.
func (pc packagesCmd) installs() bool {
	switch pc.Tool {
	case "apt", "pip":
		return pc.Verb == "install"
	case "apk":
		return pc.Verb == "add"
	case "yum":
		switch pc.Verb {
		case "install", "localinstall", "groupinstall", "reinstall", "group install",
			"groups install", "module install":
			return true
		}
	case "zypper":
		return pc.Verb == "install" || pc.Verb == "in"
	case "npm":
		return packagesNpmInstalls[pc.Verb]
	case "yarn":
		switch pc.Verb {
		case "install", "add", "global add":
			return true
		case "":
			// A bare "yarn" installs, unless it only asks for help or
			// its version.
			return !pc.hasOption("--version", "-v", "--help", "-h") &&
				!pc.hasKind(packagesUnknown) && pc.first < 0
		}
	}
	return false
}

// packagesNpmInstalls are npm's install commands and their aliases.
var packagesNpmInstalls = packagesSet("install", "i", "in", "ins", "inst", "insta",
	"instal", "isnt", "isnta", "isntal", "isntall", "add", "ci", "clean-install", "ic",
	"install-clean", "isntall-clean", "install-test", "it", "install-ci-test", "cit")

// removes reports whether the command removes the packages it names.
func (pc packagesCmd) removes() bool {
	switch pc.Tool {
	case "apt":
		return pc.Verb == "remove" || pc.Verb == "purge" || pc.Verb == "autoremove"
	case "apk":
		return pc.Verb == "del"
	case "yum":
		return pc.Verb == "remove" || pc.Verb == "erase" || pc.Verb == "autoremove"
	case "zypper":
		return pc.Verb == "remove" || pc.Verb == "rm"
	}
	return false
}

// hasKind reports whether one of the words is of kind k.
func (pc packagesCmd) hasKind(k packagesWord) bool {
	for _, kk := range pc.kinds {
		if kk == k {
			return true
		}
	}
	return false
}

// packages returns the packages an OS package manager command names. Local
// files, URLs and words with expansions are not package names.
func (pc packagesCmd) packages() []packagesPkg {
	var out []packagesPkg
	group := strings.HasPrefix(pc.Verb, "group") && pc.Tool == "yum"
	for _, i := range pc.operands() {
		name, base, ok := packagesName(pc.Tool, pc.Args[i], group)
		if ok {
			out = append(out, packagesPkg{Cmd: pc, Name: name, Base: base})
		}
	}
	return out
}

// packagesName returns the name of a package as the tool's command line
// writes it, and the name without an rpm version for yum and zypper.
func packagesName(tool, word string, group bool) (string, string, bool) {
	if word == "" || strings.Contains(word, "://") {
		return "", "", false
	}
	switch tool {
	case "apt":
		if strings.HasPrefix(word, ".") || strings.HasPrefix(word, "/") ||
			strings.HasSuffix(word, ".deb") {
			return "", "", false
		}
		name := packagesCut(word, "=/:")
		if strings.HasSuffix(name, "-") {
			return "", "", false // "pkg-" removes pkg
		}
		name = strings.TrimSuffix(name, "+")
		return name, name, name != ""
	case "apk":
		if strings.ContainsAny(word, "/!") || strings.HasSuffix(word, ".apk") {
			return "", "", false
		}
		name := packagesCut(word, "=~<>@")
		return name, name, name != ""
	case "yum", "zypper":
		if strings.Contains(word, "/") || strings.HasSuffix(word, ".rpm") {
			return "", "", false
		}
		if group || strings.HasPrefix(word, "@") {
			g := "@" + strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(word, "@")), " ", "-")
			return g, g, true
		}
		name := packagesRpmArch(packagesCut(word, "=<>"))
		return name, packagesRpmBase(name), name != ""
	}
	return "", "", false
}

// packagesCut returns word up to the first of the bytes in seps.
func packagesCut(word, seps string) string {
	if i := strings.IndexAny(word, seps); i >= 0 {
		return word[:i]
	}
	return word
}

var packagesRpmArches = []string{".x86_64", ".noarch", ".i686", ".i386", ".aarch64",
	".ppc64le", ".s390x", ".armv7hl"}

// packagesRpmArch drops an architecture suffix such as ".x86_64".
func packagesRpmArch(name string) string {
	for _, a := range packagesRpmArches {
		if n, ok := strings.CutSuffix(name, a); ok {
			return n
		}
	}
	return name
}

// packagesRpmBase cuts an rpm name before its version: "git-2.0" is
// "git". Names with a digit after a dash that is no version, such as
// java-17-openjdk-devel, lose their tail too; callers match both forms.
func packagesRpmBase(name string) string {
	for i := 0; i+1 < len(name); i++ {
		if name[i] == '-' && name[i+1] >= '0' && name[i+1] <= '9' && i > 0 {
			return name[:i]
		}
	}
	return name
}

// packagesInstalled returns the packages that the OS package managers of a
// script install, in order, each marked when the script removes it later:
// by name, by its apk --virtual group, or by apt-mark auto followed by an
// autoremove (the way the official images drop their build dependencies).
func packagesInstalled(s *script) []packagesPkg {
	var pkgs []packagesPkg
	autoAll := -1 // pkgs[:autoAll] were marked auto by a pattern
	autoNames := map[string]bool{}
	for _, c := range s.Commands {
		if u := c.unwrap(); u.name() == "apt-mark" && len(u.Args) > 1 && u.Args[1] == "auto" {
			packagesMarkAuto(u, pkgs, &autoAll, autoNames)
			continue
		}
		if packagesXargsMarksAuto(c) {
			autoAll = len(pkgs) // the names come from a pipe: take them all
			continue
		}
		pc, ok := packagesRead(c)
		if !ok {
			continue
		}
		switch {
		case pc.installs():
			virtual, _ := pc.optionValue("--virtual", "-t")
			if pc.Tool != "apk" {
				virtual = ""
			}
			for _, p := range pc.packages() {
				p.Virtual = virtual
				pkgs = append(pkgs, p)
			}
		case pc.removes():
			packagesMarkRemoved(pc, pkgs, autoAll, autoNames)
		}
	}
	return pkgs
}

// packagesMarkAuto records what "apt-mark auto" marks: every package when
// one of its words is a pattern, else the packages it names.
func packagesMarkAuto(c command, pkgs []packagesPkg, all *int, names map[string]bool) {
	for i, a := range c.Args[2:] {
		switch {
		case !c.Lit[i+2] || strings.HasPrefix(a, "-"):
		case strings.ContainsAny(a, "*?[^$"):
			*all = len(pkgs)
		default:
			names[a] = true
		}
	}
}

// packagesMarkRemoved marks the packages that a remove command removes.
func packagesMarkRemoved(pc packagesCmd, pkgs []packagesPkg, autoAll int,
	autoNames map[string]bool) {
	gone := map[string]bool{}
	for _, p := range pc.packages() {
		gone[p.Name] = true
	}
	auto := pc.Tool == "apt" &&
		(pc.Verb == "autoremove" || pc.hasOption("--auto-remove", "--autoremove"))
	for i := range pkgs {
		p := &pkgs[i]
		switch {
		case p.Cmd.Tool != pc.Tool:
		case gone[p.Name] || (p.Virtual != "" && gone[p.Virtual]):
			p.Removed = true
		case auto && (i < autoAll || autoNames[p.Name]):
			p.Removed = true
		}
	}
}

// packagesXargsMarksAuto reports whether c is "xargs apt-mark auto", as in
// "apt-mark showmanual | xargs apt-mark auto".
func packagesXargsMarksAuto(c command) bool {
	c = c.unwrap()
	if c.name() != "xargs" {
		return false
	}
	for i := 1; i+1 < len(c.Args); i++ {
		if c.Lit[i] && c.Args[i] == "apt-mark" {
			return c.Lit[i+1] && c.Args[i+1] == "auto"
		}
	}
	return false
}
