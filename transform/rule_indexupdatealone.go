package transform

import "context"

// IndexUpdateAlone wants the package index refreshed in the same RUN that
// installs from it, for apk, yum, dnf, microdnf and zypper (apt is
// AptLists' job).
var IndexUpdateAlone = &Rule{
	ID:      "IndexUpdateAlone",
	Summary: "apk update, yum/dnf makecache and zypper refresh run with an install",
	Default: ActionError,
	Check:   checkIndexUpdateAlone,
}

// packagesIndexUse says, for each manager, which subcommand refreshes the
// index, which ones use it, and where the index is kept.
var packagesIndexUse = map[string]struct {
	refresh, use map[string]bool
	dirs         []string
}{
	"apk": {packagesSet("update"), packagesSet("add", "upgrade", "fix"), packagesApkDirs},
	"yum": {packagesSet("makecache"), packagesRpmWrites, packagesRpmCaches["yum"].dirs},
	"zypper": {packagesSet("refresh", "ref"), packagesRpmWrites,
		packagesRpmCaches["zypper"].dirs},
}

func checkIndexUpdateAlone(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, r := range packagesRuns(p, p.UsedStages()) {
		refreshes := map[string]*packagesCmd{}
		used := map[string]bool{}
		for _, c := range r.Script.Commands {
			pc, ok := packagesRead(c)
			if !ok {
				continue
			}
			u, ok := packagesIndexUse[pc.Tool]
			switch {
			case !ok:
			case u.refresh[pc.Verb] && !(pc.Tool == "apk" && pc.hasOption("--no-cache")):
				if refreshes[pc.Tool] == nil {
					refreshes[pc.Tool] = &pc
				}
			case u.use[pc.Verb]:
				used[pc.Tool] = true
			}
		}
		for _, tool := range []string{"apk", "yum", "zypper"} {
			pc := refreshes[tool]
			if pc == nil || used[tool] || packagesMounted(r.Run, packagesIndexUse[tool].dirs...) {
				continue
			}
			out = append(out, packagesIndexFinding(r, *pc))
		}
	}
	return out, nil
}

func packagesIndexFinding(r packagesRun, pc packagesCmd) Finding {
	f := Finding{
		Severity: SeverityError,
		Location: nodeRange(r.Node()),
		Message: pc.Prog + " " + pc.Verb + " without an install in the same RUN leaves " +
			"a package index in a layer, where it goes stale",
	}
	switch pc.Tool {
	case "apk":
		f.Fix = "drop it and install with `apk add --no-cache <packages>`, which reads a fresh index"
	case "zypper":
		f.Fix = "refresh in the RUN that installs: `zypper -n refresh && zypper -n install " +
			"<packages> && zypper clean --all`"
	default:
		f.Fix = "drop it (" + pc.Prog + " refreshes expired metadata when it installs), or " +
			"run it in the RUN that installs: `" + pc.Prog + " install -y <packages> && " +
			pc.Prog + " clean all`"
	}
	return f
}
