package transform

import (
	"context"
	"slices"
	"strings"
)

// NonInteractiveInstall wants yum, dnf, microdnf, tdnf and zypper to change
// packages without asking for a confirmation that a build cannot give.
var NonInteractiveInstall = &Rule{
	ID:      "NonInteractiveInstall",
	Summary: "yum, dnf and microdnf run with -y, zypper with -n",
	Default: ActionFix,
	Check:   checkNonInteractiveInstall,
}

// packagesYumAsks are the yum and dnf subcommands that ask before they
// change anything.
var packagesYumAsks = packagesSet("install", "localinstall", "groupinstall",
	"reinstall", "remove", "erase", "autoremove", "update", "upgrade",
	"update-minimal", "upgrade-minimal", "downgrade", "distro-sync", "distrosync",
	"dsync", "swap", "group install", "group remove", "group upgrade",
	"groups install", "groups remove", "module install", "module remove",
	"module enable", "module disable", "module reset")

// packagesZypperAsks are the zypper subcommands that ask.
var packagesZypperAsks = packagesSet("install", "in", "remove", "rm", "update", "up",
	"dist-upgrade", "dup", "patch", "source-install", "si",
	"install-new-recommends", "inr", "verify", "ve")

func checkNonInteractiveInstall(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, r := range packagesRuns(p, p.UsedStages()) {
		for _, c := range r.Script.Commands {
			pc, ok := packagesRead(c)
			if !ok {
				continue
			}
			switch {
			case pc.Tool == "yum" && packagesYumAsks[pc.Verb] && !packagesYumYes(pc):
				out = append(out, packagesYesFinding(r, pc))
			case pc.Tool == "zypper" && packagesZypperAsks[pc.Verb] && !packagesZypperYes(pc):
				out = append(out, packagesZypperFinding(r, pc))
			}
		}
	}
	return out, nil
}

// packagesYumYes reports whether a yum-like command answers yes by itself:
// -y, --assumeyes, a flag group with y in it, or --setopt=assumeyes=1.
func packagesYumYes(pc packagesCmd) bool {
	if pc.hasOption("-y", "--assumeyes") || pc.hasShort('y', "yqvbCh46", 1, len(pc.Args)) {
		return true
	}
	for i, a := range pc.Args {
		if pc.kinds[i] != packagesOption && pc.kinds[i] != packagesValue {
			continue
		}
		a = strings.ToLower(a)
		if strings.Contains(a, "assumeyes=1") || strings.Contains(a, "assumeyes=true") ||
			strings.Contains(a, "assumeyes=yes") {
			return true
		}
	}
	return false
}

// packagesZypperYes reports whether zypper runs without asking: the global
// -n or --non-interactive before the subcommand (after it, -n is --name
// and --non-interactive an unknown flag), or the subcommand's -y or
// --no-confirm.
func packagesZypperYes(pc packagesCmd) bool {
	for i := 1; i < pc.first; i++ {
		if pc.kinds[i] == packagesOption && pc.Args[i] == "--non-interactive" {
			return true
		}
	}
	return pc.hasShort('n', "nqvxiA", 1, pc.first) ||
		pc.hasShort('y', "y", pc.first, len(pc.Args)) ||
		slices.Contains(pc.Args[pc.first:], "--no-confirm")
}

func packagesYesFinding(r packagesRun, pc packagesCmd) Finding {
	verb := pc.Args[pc.last]
	f := Finding{
		Severity: SeverityError,
		Location: nodeRange(r.Node()),
		Message: pc.Prog + " " + pc.Verb + " without -y waits for a confirmation " +
			"that the build cannot give, and fails",
		Fix: "add `-y` after `" + verb + "`",
	}
	switch {
	case pc.Prog == "microdnf":
		// microdnf asks only since version 3.6; the older builds in some
		// RHEL 8 images reject -y, so adding it may break the build.
		f.Severity = SeverityWarning
		f.Message = "microdnf " + pc.Verb + " without -y: microdnf 3.6 and later " +
			"(RHEL 9, UBI 9) wait for a confirmation the build cannot give"
		f.Fix += " (not rewritten: older microdnf, as in some RHEL 8 images, rejects -y)"
	case pc.editable(r.runScript):
		f.Edits = []Edit{pc.insertAfterVerb(r.runScript, " -y")}
		f.Change = "added `-y` after `" + verb + "`"
	default:
		f.Fix += packagesWhy(r.runScript, pc)
	}
	return f
}

func packagesZypperFinding(r packagesRun, pc packagesCmd) Finding {
	f := Finding{
		Severity: SeverityError,
		Location: nodeRange(r.Node()),
		Message: "zypper " + pc.Verb + " without -n (--non-interactive) waits for a " +
			"confirmation that the build cannot give, and fails",
		Fix: "add the global option `-n` before the subcommand: `zypper -n " + pc.Verb + "`",
	}
	if pc.editable(r.runScript) {
		f.Edits = []Edit{r.insert(pc.End[0], " -n")}
		f.Change = "added `-n` after `" + pc.Args[0] + "`"
	} else {
		f.Fix += packagesWhy(r.runScript, pc)
	}
	return f
}
