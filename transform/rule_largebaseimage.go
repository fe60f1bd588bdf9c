package transform

import (
	"context"
	"fmt"
	"strings"

	"github.com/distribution/reference"
)

// LargeBaseImage warns when the shipped image is based on the full variant
// of an official language image, or on a build toolchain image.
var LargeBaseImage = &Rule{
	ID:      "LargeBaseImage",
	Summary: "the shipped image uses a slim variant, not a full or toolchain image",
	Default: ActionWarn,
	Check:   checkLargeBaseImage,
}

// packagesToolchains are official images that hold a build toolchain in
// every variant, with what the result of a build is better shipped on.
var packagesToolchains = map[string]string{
	"golang": "gcr.io/distroless/static or scratch for a static binary, alpine otherwise",
	"rust":   "debian:<suite>-slim or gcr.io/distroless/cc",
	"gcc":    "debian:<suite>-slim or gcr.io/distroless/cc",
	"maven":  "eclipse-temurin:<java version>-jre",
	"gradle": "eclipse-temurin:<java version>-jre",
}

// packagesSuites are Debian and Ubuntu release names used in image tags.
var packagesSuites = packagesSet("trixie", "bookworm", "bullseye", "buster", "stretch",
	"jessie", "noble", "jammy", "focal", "bionic")

func checkLargeBaseImage(_ context.Context, p *Pass) ([]Finding, error) {
	stages := packagesShipped(p)
	st := stages[0]
	ref, err := p.FromRef(st)
	if err != nil || isScratch(ref.Value) || (p.Replaced != nil && p.Replaced(ref.Value)) {
		return nil, nil
	}
	named, err := reference.ParseNormalizedNamed(ref.Value)
	if err != nil {
		return nil, nil
	}
	f := Finding{Severity: SeverityWarning, Location: nodeRange(st.From)}
	img := reference.FamiliarString(named)

	if reference.Domain(named) == "mcr.microsoft.com" && reference.Path(named) == "dotnet/sdk" {
		f.Message = fmt.Sprintf("the shipped image is based on %s, the .NET SDK with its "+
			"compilers and build tools", img)
		f.Fix = "build in an SDK stage and copy the published output into a final stage on " +
			"mcr.microsoft.com/dotnet/aspnet or mcr.microsoft.com/dotnet/runtime with the same tag"
		return []Finding{f}, nil
	}
	name, ok := strings.CutPrefix(reference.Path(named), "library/")
	if reference.Domain(named) != "docker.io" || !ok {
		return nil, nil
	}
	tag := ""
	if t, ok := named.(reference.Tagged); ok {
		tag = t.Tag()
	} else if _, digested := named.(reference.Digested); !digested {
		tag = "latest"
	}
	if tag == "" || packagesWindowsTag(tag) {
		return nil, nil
	}

	if to, ok := packagesToolchains[name]; ok {
		f.Message = fmt.Sprintf("the shipped image is based on %s, a build toolchain image "+
			"with compilers and their dependencies", img)
		f.Fix = "build in a builder stage on it and COPY only the result into a small final " +
			"stage, e.g. " + to
		return []Finding{f}, nil
	}
	smaller, ok := packagesSmallerVariant(name, tag)
	if !ok {
		return nil, nil
	}
	f.Message = fmt.Sprintf("the shipped image is based on %s, the full variant of the "+
		"official %s image with compilers and development libraries", img, name)
	f.Fix = fmt.Sprintf("use the smaller variant %s:%s (or an alpine variant), and "+
		"build native modules in a builder stage", name, smaller)
	if name == "node" {
		f.Message = fmt.Sprintf("the shipped image is based on %s, the full node image "+
			"with its build tooling (compilers, headers, python)", img)
	}
	return []Finding{f}, nil
}

func packagesWindowsTag(tag string) bool {
	return strings.Contains(tag, "windowsservercore") || strings.Contains(tag, "nanoserver")
}

// packagesSmallerVariant returns the tag of the smaller variant of an
// official image's full tag, or false when the tag already names a small
// variant or the image is not one this rule knows.
func packagesSmallerVariant(name, tag string) (string, bool) {
	parts := strings.Split(tag, "-")
	for _, part := range parts {
		if part == "slim" || strings.HasPrefix(part, "alpine") || part == "distroless" ||
			strings.HasSuffix(part, "slim") || part == "jre" {
			return "", false
		}
	}
	if tag == "latest" {
		parts = nil
	}
	switch name {
	case "python", "ruby", "perl", "openjdk":
		if strings.Contains(tag, "oracle") {
			return "", false // Oracle Linux variants have no slim variant
		}
		return packagesInsertSlim(parts), true
	case "node":
		return strings.Join(append(parts, "slim"), "-"), true
	case "eclipse-temurin":
		return packagesTemurinJre(parts), true
	case "php":
		if strings.Contains(tag, "apache") {
			return "", false // no alpine variant of php with Apache
		}
		var keep []string
		for _, part := range parts {
			if !packagesSuites[part] {
				keep = append(keep, part)
			}
		}
		return strings.Join(append(keep, "alpine"), "-"), true
	}
	return "", false
}

// packagesInsertSlim puts "slim" before the Debian suite or the "threaded"
// marker of a tag, else at its end: 3.12-bookworm is 3.12-slim-bookworm.
func packagesInsertSlim(parts []string) string {
	for i, part := range parts {
		if packagesSuites[part] || part == "threaded" {
			out := append([]string{}, parts[:i]...)
			out = append(out, "slim")
			return strings.Join(append(out, parts[i:]...), "-")
		}
	}
	return strings.Join(append(parts, "slim"), "-")
}

// packagesTemurinJre turns an eclipse-temurin JDK tag into the JRE one:
// 21, 21-jdk and 21-jdk-jammy become 21-jre and 21-jre-jammy.
func packagesTemurinJre(parts []string) string {
	out := []string{}
	done := false
	for _, part := range parts {
		switch {
		case part == "jdk":
			out, done = append(out, "jre"), true
		case !done && (packagesSuites[part] || strings.HasPrefix(part, "ubi")):
			out, done = append(out, "jre", part), true
		default:
			out = append(out, part)
		}
	}
	if !done {
		out = append(out, "jre")
	}
	return strings.Join(out, "-")
}
