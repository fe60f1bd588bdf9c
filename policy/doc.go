// Package policy reads safe-dockerfile policy files and layers them into
// the policy one build is judged by.
//
// A policy sets each rule's action, what the rules ask for (required
// labels, numeric users), and exceptions: findings the policy accepts,
// for a reason and until a date. Three layers make the policy of a build,
// strongest first: the organisation's policy, baked into its frontend
// image (the built-in Default when there is none), the repository's
// .safe-dockerfile.yaml, and the build's own options. The later layers
// may only tighten what the organisation set, unless the organisation
// lets a rule be relaxed; Resolve rejects every attempt to loosen it and
// says where the attempt was made.
//
// The result, an Effective policy, turns into transform.Options for the
// rule engine and describes itself (name, version, digest) for reports.
// docs/policy.md is the reference of the file format.
package policy
