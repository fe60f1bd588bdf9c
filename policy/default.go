package policy

import (
	"bytes"
	_ "embed"
)

//go:embed default.yaml
var defaultYAML []byte

// defaultSource names the built-in policy in messages and reports.
const defaultSource = "built-in default.yaml"

// Default returns the built-in policy: every rule at its default action,
// each one relaxable and open to inline exceptions. It is what Resolve
// uses when there is no organisation policy.
func Default() *Policy {
	p, err := Load(defaultSource, defaultYAML)
	if err != nil {
		// default.yaml is embedded and tested; this cannot happen in a
		// released binary.
		panic("policy: the built-in default policy is invalid: " + err.Error())
	}
	return p
}

// DefaultYAML returns the text of the built-in policy, documented with
// comments: a starting point for an organisation's own.
func DefaultYAML() []byte {
	return bytes.Clone(defaultYAML)
}
