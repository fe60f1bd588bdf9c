package transform

// All returns every rule, in the order they run. A rule that fixes earlier
// in the list wins when two fixes touch the same text. InlineException,
// which judges the exception comments rather than the build, comes last.
func All() []*Rule {
	rules := []*Rule{
		UnpinnedBaseImage,
		UntrustedRegistry,
		UnsafeAdd,
		RootUser,
		WritableExecutables,
		AptLists,
	}
	rules = append(rules, runtimeRules()...)
	rules = append(rules, packagesRules()...)
	rules = append(rules, securityRules()...)
	rules = append(rules, MergeRuns, CacheMounts, BuiltImage)
	return append(rules, InlineException)
}

// Lookup returns the rule with the given ID.
func Lookup(id string) (*Rule, bool) {
	for _, r := range All() {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}
