package transform

import (
	"context"
	"strings"
)

// BuildToolsInFinal warns about compilers and development packages in the
// image that ships: they belong in a builder stage.
var BuildToolsInFinal = &Rule{
	ID:      "BuildToolsInFinal",
	Summary: "compilers and development packages stay out of the shipped image",
	Default: ActionWarn,
	Check:   checkBuildToolsInFinal,
}

// packagesBuildTools are build-only packages by exact name, across
// Debian, Alpine, Fedora/RHEL and SUSE.
var packagesBuildTools = packagesSet("build-essential", "gcc", "g++", "gcc-c++", "clang",
	"make", "cmake", "ninja-build", "autoconf", "automake", "libtool", "pkg-config",
	"pkgconf", "git", "alpine-sdk", "build-base", "linux-headers", "kernel-headers",
	"golang", "go", "rustc", "cargo", "rust", "maven", "gradle", "default-jdk",
	"default-jdk-headless", "gfortran", "gcc-gfortran", "@development-tools", "@development")

// packagesIsBuildTool reports whether a package is only needed to build.
func packagesIsBuildTool(p packagesPkg) bool {
	if p.is(packagesBuildTools) {
		return true
	}
	n := p.Name
	switch {
	case strings.HasSuffix(n, "-dev") || strings.HasSuffix(n, "-devel"):
		return true
	case strings.HasPrefix(n, "openjdk") && (strings.HasSuffix(n, "-jdk") ||
		strings.HasSuffix(n, "-jdk-headless")):
		return true // openjdk-17-jdk (Debian), openjdk17-jdk (Alpine)
	}
	return false
}

func checkBuildToolsInFinal(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	runs := packagesRuns(p, packagesShipped(p))
	for k, r := range runs {
		var names []string
		var first packagesPkg
		onlyGit := true
		for _, pkg := range packagesInstalled(r.Script) {
			if pkg.Removed || !packagesIsBuildTool(pkg) {
				continue
			}
			if len(names) == 0 {
				first = pkg
			}
			names = append(names, pkg.Name)
			onlyGit = onlyGit && pkg.Base == "git"
		}
		// Many applications run git themselves (CI servers, git hosting):
		// git alone counts only when the build itself runs it.
		if len(names) == 0 || (onlyGit && !packagesRunsGit(runs[k:])) {
			continue
		}
		out = append(out, Finding{
			Severity: SeverityWarning,
			Location: nodeRange(r.Node()),
			Message: first.Cmd.Prog + " " + first.Cmd.Verb + " puts build tools into the " +
				"shipped image (" + stageLabel(p.Target) + "): " + strings.Join(names, ", "),
			Fix: "use a multi-stage build: install them in a builder stage and COPY only " +
				"the result into the final stage, or remove them in the same RUN",
		})
	}
	return out, nil
}

// packagesRunsGit reports whether one of the RUNs runs git.
func packagesRunsGit(runs []packagesRun) bool {
	for _, r := range runs {
		for _, c := range r.Script.Commands {
			if c.unwrap().name() == "git" {
				return true
			}
		}
	}
	return false
}
