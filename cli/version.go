package cli

import "runtime/debug"

// version is set at link time:
// -ldflags "-X github.com/safe-dockerfile/safe-dockerfile/cli.version=v1.2.3"
var version string

// Version returns the tool's version: the one set at link time, else the
// module version `go install ...@version` recorded, else "devel".
func Version() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
