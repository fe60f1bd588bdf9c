// Package cli is what the safe-dockerfile command does: it finds the
// Dockerfiles it is given, runs the transform over each one with the
// options a `docker buildx build` of it would give the frontend, writes
// the fixes or a diff of them, and renders the findings as text, JSON,
// SARIF or GitHub Actions annotations.
//
// The frontend and this package share one engine, transform.Run, and
// build its Options the same way (see Config.Options), so a check on the
// command line and a build through the frontend give the same findings.
//
// Nothing here exits or touches the process's standard streams: the
// command in cmd/safe-dockerfile parses the flags, passes the writers and
// turns the results into an exit code with ExitCode.
package cli
