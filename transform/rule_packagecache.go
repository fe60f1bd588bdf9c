package transform

import (
	"context"
	"slices"
)

// PackageCache keeps the caches of package managers out of image layers.
var PackageCache = &Rule{
	ID:      "PackageCache",
	Summary: "package manager caches are not left in image layers",
	Default: ActionFix,
	Check:   checkPackageCache,
}

func checkPackageCache(_ context.Context, p *Pass) ([]Finding, error) {
	shipped := map[int]bool{}
	for _, st := range packagesShipped(p) {
		shipped[st.Index] = true
	}
	var out []Finding
	for _, r := range packagesRuns(p, p.UsedStages()) {
		out = append(out, packagesApkFindings(r)...)
		out = append(out, packagesPipFindings(p, r)...)
		out = append(out, packagesRpmFindings(r, "yum")...)
		out = append(out, packagesRpmFindings(r, "zypper")...)
		// npm and yarn caches only matter in the image that ships: a
		// builder stage that installs node_modules is the advice itself.
		if shipped[r.Stage.Index] {
			out = append(out, packagesNodeFindings(r, "npm")...)
			out = append(out, packagesNodeFindings(r, "yarn")...)
		}
	}
	return out, nil
}

// packagesCmdsOf returns the script's commands with, for each, the package
// manager command it is, if any.
func packagesCmdsOf(s *script) ([]command, []*packagesCmd) {
	pcs := make([]*packagesCmd, len(s.Commands))
	for i, c := range s.Commands {
		if pc, ok := packagesRead(c); ok {
			pcs[i] = &pc
		}
	}
	return s.Commands, pcs
}

var packagesApkDirs = []string{"/var/cache/apk", "/etc/apk/cache"}

const packagesApkRm = "rm -rf /var/cache/apk/*"

// packagesApkFindings reports apk commands that write the package index to
// /var/cache/apk when nothing removes it later in the RUN.
func packagesApkFindings(r packagesRun) []Finding {
	if packagesMounted(r.Run, packagesApkDirs...) {
		return nil
	}
	cmds, pcs := packagesCmdsOf(r.Script)
	var bare, updates []packagesCmd
	used, last, cleaned := false, -1, false
	for i, pc := range pcs {
		switch {
		case pc != nil && pc.Tool == "apk" && (pc.Verb == "add" || pc.Verb == "upgrade"):
			used = true
			// --no-network installs what is already there and fetches
			// nothing, so it writes no index either.
			if !pc.hasOption("--no-cache", "--no-network") {
				bare = append(bare, *pc)
				last, cleaned = i, false
			}
		case pc != nil && pc.Tool == "apk" && pc.Verb == "update" && !pc.hasOption("--no-cache"):
			updates = append(updates, *pc)
			last, cleaned = i, false
		case last >= 0 && packagesRemoves(cmds[i], packagesApkDirs...):
			cleaned = true
		}
	}
	// An update with no add is IndexUpdateAlone's finding.
	if cleaned || !used {
		return nil
	}
	if len(updates) > 0 {
		return []Finding{packagesApkUpdateFinding(r)}
	}
	var out []Finding
	for _, pc := range bare {
		f := Finding{
			Severity: SeverityWarning,
			Location: nodeRange(r.Node()),
			Message: "apk " + pc.Verb + " without --no-cache keeps the package index " +
				"in /var/cache/apk in the layer",
			Fix: "add `--no-cache` after `" + pc.Verb + "`",
		}
		if pc.editable(r.runScript) {
			f.Edits = []Edit{pc.insertAfterVerb(r.runScript, " --no-cache")}
			f.Change = "added `--no-cache` after `" + pc.Verb + "`"
		} else {
			f.Fix += packagesWhy(r.runScript, pc)
		}
		out = append(out, f)
	}
	return out
}

func packagesApkUpdateFinding(r packagesRun) Finding {
	f := Finding{
		Severity: SeverityWarning,
		Location: nodeRange(r.Node()),
		Message:  "apk update keeps the package index in /var/cache/apk in the layer",
		Fix: "drop `apk update` and use `apk add --no-cache`, or end the RUN with `" +
			packagesApkRm + "`",
	}
	if e, ok := appendCommand(r.runScript, packagesApkRm); ok {
		f.Edits = []Edit{e}
		f.Change = "appended `&& " + packagesApkRm + "` to the RUN"
	} else {
		f.Fix += why(r.runScript)
	}
	return f
}

// packagesPipFindings reports pip installs without --no-cache-dir when pip's
// cache is neither turned off, nor mounted, nor removed later in the RUN.
func packagesPipFindings(p *Pass, r packagesRun) []Finding {
	env := packagesEnv(p, r.Stage, r.Index)
	if env["PIP_NO_CACHE_DIR"] != "" || packagesAssigns(r.Script, "PIP_NO_CACHE_DIR") {
		return nil
	}
	if packagesHomeMounted(r.Run, ".cache/pip") ||
		(env["PIP_CACHE_DIR"] != "" && packagesMounted(r.Run, env["PIP_CACHE_DIR"])) {
		return nil
	}
	cmds, pcs := packagesCmdsOf(r.Script)
	var out []Finding
	for i, pc := range pcs {
		if pc == nil || pc.Tool != "pip" || !pc.installs() || pc.hasOption("--no-cache-dir") {
			continue
		}
		if slices.ContainsFunc(pcs[i+1:], packagesPipPurges) ||
			slices.ContainsFunc(cmds[i+1:], func(c command) bool {
				return packagesRemovesHome(r.Script, c, ".cache/pip")
			}) {
			continue
		}
		f := Finding{
			Severity: SeverityWarning,
			Location: nodeRange(r.Node()),
			Message: pc.Prog + " install without --no-cache-dir keeps the downloaded " +
				"packages in ~/.cache/pip in the layer",
			Fix: "add `--no-cache-dir` after `install`, or set `ENV PIP_NO_CACHE_DIR=1` in the stage",
		}
		if pc.editable(r.runScript) {
			f.Edits = []Edit{pc.insertAfterVerb(r.runScript, " --no-cache-dir")}
			f.Change = "added `--no-cache-dir` after `install`"
		} else {
			f.Fix += packagesWhy(r.runScript, *pc)
		}
		out = append(out, f)
	}
	return out
}

// packagesPipPurges reports whether pc is "pip cache purge".
func packagesPipPurges(pc *packagesCmd) bool {
	if pc == nil || pc.Tool != "pip" || pc.Verb != "cache" {
		return false
	}
	ops := pc.operands()
	return len(ops) > 0 && pc.Args[ops[0]] == "purge"
}

// packagesRpmCache describes where the yum family and zypper keep their cache.
type packagesRpmCache struct {
	dirs  []string
	clean string // the cleanup appended by the fix, after the program name
}

var packagesRpmCaches = map[string]packagesRpmCache{
	"yum": {dirs: []string{"/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5",
		"/var/cache/tdnf"}, clean: "clean all"},
	"zypper": {dirs: []string{"/var/cache/zypp"}, clean: "clean --all"},
}

// packagesRpmWrites are the subcommands that fill the cache.
var packagesRpmWrites = packagesSet("install", "localinstall", "groupinstall",
	"reinstall", "group install", "groups install", "module install", "update",
	"upgrade", "update-minimal", "upgrade-minimal", "downgrade", "distro-sync",
	"distrosync", "dsync", "in", "up", "dist-upgrade", "dup", "patch")

// packagesRpmFindings reports a RUN whose last yum, dnf, microdnf or zypper
// install is not followed by a cleanup of the cache.
func packagesRpmFindings(r packagesRun, tool string) []Finding {
	cache := packagesRpmCaches[tool]
	if packagesMounted(r.Run, cache.dirs...) {
		return nil
	}
	cmds, pcs := packagesCmdsOf(r.Script)
	var last *packagesCmd
	cleaned, cleanedBefore := false, false
	for i, pc := range pcs {
		switch {
		case pc != nil && pc.Tool == tool && packagesRpmWrites[pc.Verb]:
			last, cleaned = pc, false
		case pc != nil && pc.Tool == tool && packagesRpmCleans(*pc),
			packagesRemoves(cmds[i], cache.dirs...):
			cleaned = last != nil
			cleanedBefore = cleanedBefore || last == nil
		}
	}
	if last == nil || cleaned {
		return nil
	}

	clean := last.Prog + " " + cache.clean
	dir := packagesRpmCacheDir(last.Prog)
	f := Finding{
		Severity: SeverityWarning,
		Location: nodeRange(r.Node()),
		Message: last.Prog + " " + last.Verb + " without `" + clean + "` after it keeps " +
			"the package cache in " + dir + " in the layer",
		Fix: "end the same RUN with `&& " + clean + "`",
	}
	if cleanedBefore {
		f.Message += " (the cleanup before the " + last.Verb + " does not count)"
	}
	if e, ok := appendCommand(r.runScript, clean); ok {
		f.Edits = []Edit{e}
		f.Change = "appended `&& " + clean + "` to the RUN"
	} else {
		f.Fix += why(r.runScript)
	}
	return []Finding{f}
}

// packagesRpmCleans reports whether pc empties the whole cache: yum, dnf
// and microdnf "clean all", or zypper "clean" in any form.
func packagesRpmCleans(pc packagesCmd) bool {
	if pc.Tool == "zypper" {
		return pc.Verb == "clean" || pc.Verb == "cc"
	}
	if pc.Verb != "clean" {
		return false
	}
	ops := pc.operands()
	return len(ops) > 0 && pc.Args[ops[0]] == "all"
}

func packagesRpmCacheDir(prog string) string {
	switch prog {
	case "dnf":
		return "/var/cache/dnf"
	case "dnf5":
		return "/var/cache/libdnf5"
	case "tdnf":
		return "/var/cache/tdnf"
	case "zypper":
		return "/var/cache/zypp"
	}
	return "/var/cache/yum"
}

// packagesNodeCache describes where npm or yarn keeps its cache.
type packagesNodeCache struct {
	home  []string // under the home directory
	clean string
}

var packagesNodeCaches = map[string]packagesNodeCache{
	"npm":  {home: []string{".npm"}, clean: "npm cache clean --force"},
	"yarn": {home: []string{".cache/yarn", ".yarn/berry/cache"}, clean: "yarn cache clean"},
}

// packagesNodeFindings reports the last npm or yarn install of a RUN in the
// shipped image when no cache cleanup follows it. These are not rewritten:
// the cache is often wanted when the install runs in a builder stage, and
// the clean can fail on old npm releases.
func packagesNodeFindings(r packagesRun, tool string) []Finding {
	cache := packagesNodeCaches[tool]
	for _, h := range cache.home {
		if packagesHomeMounted(r.Run, h) {
			return nil
		}
	}
	if tool == "yarn" && packagesMounted(r.Run, "/usr/local/share/.cache/yarn") {
		return nil
	}
	cmds, pcs := packagesCmdsOf(r.Script)
	var last *packagesCmd
	cleaned := false
	for i, pc := range pcs {
		switch {
		case pc != nil && pc.Tool == tool && pc.installs():
			last, cleaned = pc, false
		case pc != nil && pc.Tool == tool && packagesNodeCleans(*pc),
			last != nil && packagesNodeRemoves(r.Script, cmds[i], tool):
			cleaned = last != nil
		}
	}
	if last == nil || cleaned {
		return nil
	}
	verb := last.Verb
	if verb == "" {
		verb = "install"
	}
	where := "~/" + cache.home[0]
	if tool == "yarn" {
		where = "/usr/local/share/.cache/yarn or ~/.cache/yarn"
	}
	return []Finding{{
		Severity: SeverityWarning,
		Location: nodeRange(r.Node()),
		Message: tool + " " + verb + " without `" + cache.clean + "` after it keeps the " +
			tool + " cache (" + where + ") in a layer of the shipped image",
		Fix: "end the same RUN with `&& " + cache.clean + "`, mount a cache at the cache " +
			"directory with `RUN --mount=type=cache,...`, or install in a builder stage " +
			"and copy only the result",
	}}
}

// packagesNodeCleans reports whether pc is "npm cache clean" (or its
// aliases clear and rm) or "yarn cache clean".
func packagesNodeCleans(pc packagesCmd) bool {
	if pc.Verb != "cache" {
		return false
	}
	ops := pc.operands()
	if len(ops) == 0 {
		return false
	}
	switch pc.Args[ops[0]] {
	case "clean":
		return true
	case "clear", "rm":
		return pc.Tool == "npm"
	}
	return false
}

func packagesNodeRemoves(s *script, c command, tool string) bool {
	if tool == "yarn" && packagesRemoves(c, "/usr/local/share/.cache/yarn") {
		return true
	}
	for _, h := range packagesNodeCaches[tool].home {
		if packagesRemovesHome(s, c, h) {
			return true
		}
	}
	return false
}
