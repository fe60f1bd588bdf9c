package cli

import "github.com/safe-dockerfile/safe-dockerfile/buildinfo"

// Version returns the tool's version (see buildinfo.Version).
func Version() string {
	return buildinfo.Version()
}
