// Package tests holds the end-to-end tests: they build Dockerfiles through
// the safe-dockerfile frontend image on the real buildkitd and registry
// that hack/env/up starts, with docker buildx and with buildctl. They are
// skipped under go test -short.
package tests
