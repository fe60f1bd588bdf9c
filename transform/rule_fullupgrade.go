package transform

import "context"

// FullUpgrade warns about upgrading every package of the base image in a
// RUN, which makes the image depend on the day it was built.
var FullUpgrade = &Rule{
	ID:      "FullUpgrade",
	Summary: "no full upgrade of the base image's packages in a RUN",
	Default: ActionWarn,
	Check:   checkFullUpgrade,
}

const packagesUpgradeHint = "remove the upgrade; pin the base image by digest and " +
	"rebuild on a newer base image to get its fixes"

func checkFullUpgrade(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, r := range packagesRuns(p, p.UsedStages()) {
		for _, c := range r.Script.Commands {
			pc, ok := packagesRead(c)
			if !ok || !packagesFullUpgrade(pc) {
				continue
			}
			out = append(out, Finding{
				Severity: SeverityWarning,
				Location: nodeRange(r.Node()),
				Message: pc.Prog + " " + pc.Verb + " upgrades every package of the base " +
					"image, so the image depends on the day it is built and is no longer " +
					"the base image that was tested",
				Fix: packagesUpgradeHint,
			})
		}
	}
	return out, nil
}

// packagesFullUpgrade reports whether pc upgrades all installed packages:
// the apt upgrades, and the other managers' upgrades with no package named.
func packagesFullUpgrade(pc packagesCmd) bool {
	named := len(pc.operands()) > 0 || pc.hasKind(packagesUnknown)
	switch pc.Tool {
	case "apt":
		return pc.Verb == "upgrade" || pc.Verb == "dist-upgrade" || pc.Verb == "full-upgrade"
	case "apk":
		return pc.Verb == "upgrade" && !named
	case "yum":
		switch pc.Verb {
		case "update", "upgrade", "update-minimal", "upgrade-minimal", "distro-sync",
			"distrosync", "dsync":
			return !named
		}
	case "zypper":
		switch pc.Verb {
		case "dist-upgrade", "dup":
			return true
		case "update", "up":
			return !named
		}
	}
	return false
}
