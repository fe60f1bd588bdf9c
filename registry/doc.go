// Package registry answers the rules' image questions straight from the
// registries, for the command-line tool, which has no BuildKit to ask.
//
// It resolves a reference to the digest BuildKit would pin (the index's
// when the tag names a multi-platform index, else the manifest's) and
// reads the user and ONBUILD triggers from the configuration of the image
// BuildKit would pick for the target platform. It logs in with the user's
// docker credentials (~/.docker/config.json and its credential helpers).
// Registries on the loopback address (127.0.0.1:*, localhost:*) are
// spoken to over plain HTTP.
package registry
