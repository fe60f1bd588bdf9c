// Package buildinfo says which safe-dockerfile this is, for the CLI's
// version command and for the labels the frontend puts on every image.
package buildinfo

import "runtime/debug"

// version is set at link time (the Makefile does):
// -ldflags "-X github.com/safe-dockerfile/safe-dockerfile/buildinfo.version=v1.2.3"
var version string

// Version returns the version: the one set at link time, else the module
// version `go install ...@version` recorded, else "devel".
func Version() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// The labels the frontend sets on every image it builds, over any the
// Dockerfile sets, so that an image says which guard and which policy
// judged it (see the verify command).
const (
	// LabelVersion is the frontend's version.
	LabelVersion = "io.github.safe-dockerfile.version"
	// LabelPolicy is the organisation policy's name and version.
	LabelPolicy = "io.github.safe-dockerfile.policy"
	// LabelPolicyDigest is the sha256 of the organisation policy file (the
	// built-in default when the frontend has none baked in).
	LabelPolicyDigest = "io.github.safe-dockerfile.policy.digest"
	// LabelEffectiveDigest identifies the policy after the repository's
	// file and the build's options were layered on (policy.Effective).
	LabelEffectiveDigest = "io.github.safe-dockerfile.policy.effective"
)
