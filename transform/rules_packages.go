package transform

// packagesRules returns the rules about package managers: how they install,
// what they leave in layers, and what ends up in the shipped image.
func packagesRules() []*Rule {
	return []*Rule{
		NonInteractiveInstall,
		PackageCache,
		AptGetInScripts,
		FullUpgrade,
		UnwantedPackages,
		BuildToolsInFinal,
		LargeBaseImage,
		IndexUpdateAlone,
	}
}
