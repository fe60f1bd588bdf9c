package transform

// securityRules returns the rules of the security family, in the order
// they run: secrets first, then the checks of RUN steps.
func securityRules() []*Rule {
	return []*Rule{
		SecretInEnvOrArg,
		SecretFileCopied,
		SecretDeletedLater,
		VerificationDisabled,
		RemoteScriptPipe,
		CredentialsInRun,
		SudoInRun,
		SetuidBits,
		Pipefail,
	}
}
