package transform

import (
	"context"
	"fmt"
	"slices"
)

// UnwantedPackages warns about software that a container should not ship:
// SSH servers, sudo, editors and systemd.
var UnwantedPackages = &Rule{
	ID:      "UnwantedPackages",
	Summary: "the shipped image installs no SSH server, sudo, editor or systemd",
	Default: ActionFix,
	Check:   checkUnwantedPackages,
}

// packagesUnwanted is why a package is unwanted and what to do instead.
type packagesUnwanted struct {
	why, fix string
	severity Severity
}

var (
	packagesSSH = packagesUnwanted{
		why: "an SSH server in a container is one more daemon and login to secure; " +
			"containers are entered with `docker exec` or `kubectl exec`",
		fix:      "drop it and use `docker exec` / `kubectl exec` to get a shell",
		severity: SeverityWarning,
	}
	packagesSudo = packagesUnwanted{
		why: "it lets the container's user become root again, which undoes a non-root USER",
		fix: "drop it; do what needs root in RUN steps before USER, " +
			"and run the container as the user it needs",
		severity: SeverityError,
	}
	packagesEditor = packagesUnwanted{
		why:      "images are rebuilt, not edited in place; an editor only adds size and code to patch",
		fix:      "drop it; to debug, attach a debug container (`docker debug`, `kubectl debug`)",
		severity: SeverityWarning,
	}
	packagesInit = packagesUnwanted{
		why:      "a container runs its process in the foreground, not under an init system",
		fix:      "drop it and run the service in the foreground as the image's CMD",
		severity: SeverityWarning,
	}
)

// packagesUnwantedNames maps package names to why they are unwanted.
// Alpine's "openssh" includes the server, so it is looked up per tool.
var packagesUnwantedNames = map[string]packagesUnwanted{
	"openssh-server": packagesSSH, "ssh": packagesSSH, "dropbear": packagesSSH,
	"dropbear-bin": packagesSSH, "dropbear-run": packagesSSH,
	"sudo": packagesSudo, "sudo-ldap": packagesSudo, "doas": packagesSudo,
	"vim": packagesEditor, "vim-tiny": packagesEditor, "vim-nox": packagesEditor,
	"vim-gtk3": packagesEditor, "vim-enhanced": packagesEditor, "vim-minimal": packagesEditor,
	"vi": packagesEditor, "nano": packagesEditor, "emacs": packagesEditor,
	"emacs-nox": packagesEditor, "emacs-gtk": packagesEditor, "neovim": packagesEditor,
	"systemd": packagesInit, "systemd-sysv": packagesInit,
}

func checkUnwantedPackages(_ context.Context, p *Pass) ([]Finding, error) {
	runs := packagesRuns(p, packagesShipped(p))
	var out []Finding
	for k, r := range runs {
		for _, pkg := range packagesInstalled(r.Script) {
			u, ok := p.unwanted(pkg)
			if !ok || pkg.Removed || packagesRemovedLater(runs[k+1:], pkg) {
				continue
			}
			out = append(out, Finding{
				Severity: u.severity,
				Location: nodeRange(r.Node()),
				Message: fmt.Sprintf("%s %s %s puts %s in the shipped image: %s",
					pkg.Cmd.Prog, pkg.Cmd.Verb, pkg.Name, pkg.Name, u.why),
				Fix: u.fix,
			})
		}
	}
	return out, nil
}

// packagesDenied is why a package the policy denies is unwanted.
var packagesDenied = packagesUnwanted{
	why:      "the policy denies it",
	fix:      "drop it, or ask the policy's owners to allow it",
	severity: SeverityError,
}

// unwanted says whether pkg is unwanted and why: the policy's denied
// packages first, then the rule's own list less the policy's allowed ones.
func (p *Pass) unwanted(pkg packagesPkg) (packagesUnwanted, bool) {
	if slices.Contains(p.DeniedPackages, pkg.Name) || slices.Contains(p.DeniedPackages, pkg.Base) {
		return packagesDenied, true
	}
	if slices.Contains(p.AllowedPackages, pkg.Name) {
		return packagesUnwanted{}, false
	}
	u, ok := packagesUnwantedNames[pkg.Name]
	if !ok {
		u, ok = packagesUnwantedNames[pkg.Base]
	}
	if pkg.Cmd.Tool == "apk" && pkg.Name == "openssh" {
		u, ok = packagesSSH, true
	}
	return u, ok
}

// packagesRemovedLater reports whether a later RUN of the shipped image
// removes the package, so that it is not in the image's file system.
func packagesRemovedLater(runs []packagesRun, pkg packagesPkg) bool {
	for _, r := range runs {
		for _, c := range r.Script.Commands {
			pc, ok := packagesRead(c)
			if !ok || pc.Tool != pkg.Cmd.Tool || !pc.removes() {
				continue
			}
			for _, gone := range pc.packages() {
				if gone.Name == pkg.Name || gone.Base == pkg.Base {
					return true
				}
			}
		}
	}
	return false
}
