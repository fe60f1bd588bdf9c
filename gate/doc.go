// Package gate is the enforcing gate that sits in front of buildkitd. It
// speaks BuildKit's gRPC API on its own socket and forwards every call to
// the daemon unchanged, except the calls that choose what builds an image:
// a Solve on the Control API, and a Solve or Return on the LLBBridge API
// that clients such as buildx use to run a build from their own side.
// Those it decodes and judges: a request for BuildKit's built-in
// Dockerfile frontend is rewritten to run the enforced frontend image, a
// request for the enforced image passes, and anything else is refused.
//
// The judging is pure functions over the decoded requests (Judge); the
// server (Server) only moves bytes and applies the verdicts. See
// docs/enforce.md for what the gate covers and what it does not.
package gate
