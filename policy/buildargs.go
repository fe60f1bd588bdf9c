package policy

import (
	"strings"

	digest "github.com/opencontainers/go-digest"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// FromBuildArgs reads the build layer from a build's arguments:
// SAFE_DOCKERFILE_POLICY holds a whole policy as YAML, and
// SAFE_DOCKERFILE_RULES sets actions in short ("RootUser=error,
// MissingHealthcheck=off"). Either, both or neither may be given; an
// empty value counts as not given. With neither, the policy is nil and
// Resolve has no build layer. A rule may not get its action from both.
//
// The layer's digest is that of the YAML, of the rules string, or, with
// both, of the YAML followed by a line "SAFE_DOCKERFILE_RULES=<value>".
func FromBuildArgs(args map[string]string) (*Policy, error) {
	yml, rules := args[BuildArgPolicy], args[BuildArgRules]
	switch {
	case yml == "" && rules == "":
		return nil, nil
	case rules == "":
		return Load(BuildArgPolicy, []byte(yml))
	}

	p := &Policy{
		Source: BuildArgRules,
		Rules:  map[string]RuleConfig{},
		Digest: digest.FromString(rules),
	}
	if yml != "" {
		var err error
		if p, err = Load(BuildArgPolicy, []byte(yml)); err != nil {
			return nil, err
		}
		p.Source = BuildArgPolicy + " and " + BuildArgRules
		p.Digest = digest.FromString(yml + "\n" + BuildArgRules + "=" + rules)
	}
	if err := setRules(p, rules); err != nil {
		return nil, err
	}
	return p, nil
}

// setRules applies "RULE=ACTION,..." to p, reporting every bad item.
func setRules(p *Policy, rules string) error {
	var probs problems
	seen := map[string]bool{}
	for _, item := range strings.Split(rules, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		id, action, ok := strings.Cut(item, "=")
		id, action = strings.TrimSpace(id), strings.TrimSpace(action)
		a := transform.Action(action)
		_, known := transform.Lookup(id)
		switch {
		case !ok:
			probs.add(BuildArgRules, 0, "%q: write RULE=ACTION", item)
		case !known:
			probs.add(BuildArgRules, 0, "%q: unknown rule %q%s", item, id, suggestRule(id))
		case !a.Valid():
			probs.add(BuildArgRules, 0, "%q: %q is not an action (error, warn, fix or off)",
				item, action)
		case seen[id]:
			probs.add(BuildArgRules, 0, "%q: %s is set twice", item, id)
		case p.Rules[id].Action != "":
			probs.add(BuildArgRules, 0, "%q: %s already sets the action of %s",
				item, BuildArgPolicy, id)
		default:
			seen[id] = true
			rc := p.Rules[id]
			rc.Action = a
			p.Rules[id] = rc
		}
	}
	return probs.err()
}
