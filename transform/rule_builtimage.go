package transform

// BuiltImage judges the filesystem a build produced: programs in PATH that
// any user may replace, set-user-ID or set-group-ID files the build added,
// apt's package lists, private keys and credentials files. Reading the
// Dockerfile cannot show what a RUN script wrote, so the rule has no check
// here: the frontend walks the built image after the build is solved
// (package inspect) and decides the outcome of each finding under the
// rule's action. Under fix, the default, keys, credentials and writable
// programs fail the build and the rest are warnings.
var BuiltImage = &Rule{
	ID:      "BuiltImage",
	Summary: "the built image holds no replaceable programs, new set-ID files, apt lists, private keys or credentials",
	Default: ActionFix,
	Phase:   PhaseBuilt,
}
