package transform

import (
	"context"
	"fmt"
)

// Action is what the policy does with a rule's findings.
type Action string

// The actions a policy can give a rule.
const (
	// ActionError fails the build on every finding but informational
	// ones; nothing is rewritten.
	ActionError Action = "error"
	// ActionWarn reports every finding as a warning and changes nothing.
	ActionWarn Action = "warn"
	// ActionFix rewrites what the rule can fix; of the rest, findings of
	// error severity fail the build and the others are warnings.
	ActionFix Action = "fix"
	// ActionOff switches the rule off.
	ActionOff Action = "off"
)

// Valid reports whether a is one of the four actions.
func (a Action) Valid() bool {
	switch a {
	case ActionError, ActionWarn, ActionFix, ActionOff:
		return true
	}
	return false
}

// Severity is how serious one finding is.
type Severity int

// The severities, from the mildest.
const (
	SeverityInfo Severity = iota
	SeverityWarning
	SeverityError
)

func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// DocsBase is where the rule pages live; a rule's URL is DocsBase + ID.
const DocsBase = "https://github.com/safe-dockerfile/safe-dockerfile/blob/main/docs/rules/"

// Rule is one practice the transform checks.
type Rule struct {
	// ID is stable: policies, exceptions and reports name rules by it.
	ID string
	// Summary is one line saying what the rule wants.
	Summary string
	// Default is the action when the policy says nothing of the rule.
	Default Action
	// Phase is when the rule runs; see Phase.
	Phase Phase
	// Check reports the rule's findings. It must not change the Pass.
	Check func(ctx context.Context, p *Pass) ([]Finding, error)
}

// URL returns the address of the rule's documentation page.
func (r *Rule) URL() string {
	return DocsBase + r.ID + ".md"
}
