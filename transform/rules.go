package transform

// All returns every rule, in the order they run. A rule that fixes earlier
// in the list wins when two fixes touch the same text.
func All() []*Rule {
	return append([]*Rule{
		UnpinnedBaseImage,
		UnsafeAdd,
		RootUser,
		WritableExecutables,
		AptLists,
	}, append(append(runtimeRules(), packagesRules()...), securityRules()...)...)
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
