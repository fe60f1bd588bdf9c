package policy

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// Layer is where a policy sits among those that make a build's policy.
type Layer int

// The layers, strongest first.
const (
	LayerOrganisation Layer = iota
	LayerRepository
	LayerBuild
)

func (l Layer) String() string {
	switch l {
	case LayerOrganisation:
		return "organisation policy"
	case LayerRepository:
		return "repository policy"
	case LayerBuild:
		return "build options"
	}
	return fmt.Sprintf("layer(%d)", int(l))
}

// strictness orders the actions from the loosest.
var strictness = map[transform.Action]int{
	transform.ActionOff:   0,
	transform.ActionWarn:  1,
	transform.ActionFix:   2,
	transform.ActionError: 3,
}

// Resolve layers the organisation's policy, the repository's and the
// build's into the policy a build is judged by. A nil layer is absent; a
// nil org is the built-in Default.
//
// The organisation's policy is taken as written, over the rules' default
// actions. The repository's and then the build's may only tighten it: a
// stricter action, inline exceptions or relax turned off, more required
// labels, numericUser on, fewer trusted registries. Loosening a rule (a
// looser action, inline exceptions turned on, numericUser off for
// NonNumericUser, an added exception) is allowed only where the layers
// before leave the rule's relax on. Every other attempt is an error that
// names the layer, the rule and the line; Resolve returns them all.
func Resolve(org, repo, build *Policy) (*Effective, error) {
	if org == nil {
		org = Default()
	}
	e := newEffective()
	e.apply(org)

	var probs problems
	if repo != nil {
		e.tighten(&probs, LayerRepository, repo)
	}
	if build != nil {
		e.tighten(&probs, LayerBuild, build)
	}
	if err := probs.err(); err != nil {
		return nil, err
	}
	e.identify(org, repo, build)
	return e, nil
}

// apply takes the organisation's policy as written.
func (e *Effective) apply(org *Policy) {
	who := orgName(org)
	for id, rc := range org.Rules {
		st := e.rules[id]
		if rc.Action != "" {
			st.action = rc.Action
		}
		if rc.Relax != nil {
			st.relax = *rc.Relax
		}
		if rc.Inline != nil {
			st.inline = *rc.Inline
		}
		e.addLabels(rc.Options.Labels)
		if rc.Options.Required != nil {
			e.numericUser = *rc.Options.Required
		}
		if rc.Options.AllowedPorts != nil {
			e.ports = slices.Clone(rc.Options.AllowedPorts)
		}
		e.deny = union(e.deny, rc.Options.Deny)
		e.allow = union(e.allow, rc.Options.Allow)
	}
	for _, st := range e.rules {
		st.lockedBy = who
	}
	e.addLabels(org.RequiredLabels)
	if org.NumericUser != nil {
		e.numericUser = *org.NumericUser
	}
	e.trusted = slices.Clone(org.TrustedRegistries)
	e.exceptions = slices.Clone(org.Exceptions)
}

// layerCheck is one later layer being laid over the effective policy.
type layerCheck struct {
	e     *Effective
	probs *problems
	layer Layer
	p     *Policy
	// relax is whether each rule could be loosened before this layer.
	relax map[string]bool
}

// tighten lays a repository or build policy over e, reporting each
// attempt to loosen what may not be loosened.
func (e *Effective) tighten(probs *problems, layer Layer, p *Policy) {
	c := &layerCheck{e: e, probs: probs, layer: layer, p: p, relax: map[string]bool{}}
	for id, st := range e.rules {
		c.relax[id] = st.relax
	}
	for _, id := range slices.Sorted(maps.Keys(p.Rules)) {
		c.rule(id, p.Rules[id])
	}
	e.addLabels(p.RequiredLabels)
	if p.NumericUser != nil {
		c.numericUser(*p.NumericUser, "numericUser")
	}
	c.registries()
	for _, x := range p.Exceptions {
		if !c.relax[x.Rule] {
			c.refuse(x.Rule, x.Line, "exceptions", "add an exception to "+x.Rule)
			continue
		}
		e.exceptions = append(e.exceptions, x)
	}
}

func (c *layerCheck) rule(id string, rc RuleConfig) {
	st, path := c.e.rules[id], "rules."+id
	if rc.Action != "" {
		if strictness[rc.Action] < strictness[st.action] && !c.relax[id] {
			c.refuse(id, c.p.line(path+".action"), path+".action",
				fmt.Sprintf("loosen %s from %s to %s", id, st.action, rc.Action))
		} else {
			st.action = rc.Action
		}
	}
	if rc.Inline != nil {
		if *rc.Inline && !st.inline && !c.relax[id] {
			c.refuse(id, c.p.line(path+".inline"), path+".inline",
				"allow inline exceptions to "+id)
		} else {
			st.inline = *rc.Inline
		}
	}
	if rc.Relax != nil {
		c.relaxRule(id, st, *rc.Relax)
	}
	c.e.addLabels(rc.Options.Labels)
	if rc.Options.Required != nil {
		c.numericUser(*rc.Options.Required, path+".options.required")
	}
	c.ports(id, rc.Options.AllowedPorts, path+".options.allowedPorts")
	c.e.deny = union(c.e.deny, rc.Options.Deny)
	if len(rc.Options.Allow) > 0 {
		if c.relax[id] {
			c.e.allow = union(c.e.allow, rc.Options.Allow)
		} else {
			c.refuse(id, c.p.line(path+".options.allow"), path+".options.allow",
				"allow packages "+id+" reports")
		}
	}
}

// ports narrows the allowed ports: a layer below the organisation may
// list only ports the layers above allow, unless the rule is relaxed.
func (c *layerCheck) ports(id string, ports []string, path string) {
	if ports == nil {
		return
	}
	if c.e.ports != nil && !c.relax[id] {
		for _, p := range ports {
			if !slices.Contains(c.e.ports, p) {
				c.refuse(id, c.p.line(path), path, "allow the port "+p)
				return
			}
		}
	}
	c.e.ports = slices.Clone(ports)
}

// relaxRule sets a rule's relax: off always, on only where it already is
// (only the organisation lets a rule be relaxed).
func (c *layerCheck) relaxRule(id string, st *ruleState, relax bool) {
	path := "rules." + id + ".relax"
	switch {
	case !relax:
		if st.relax {
			st.relax, st.lockedBy = false, "the "+c.layer.String()+" ("+c.p.Source+")"
		}
	case !c.relax[id]:
		c.refuse(id, c.p.line(path), path, "let "+id+" be relaxed")
	}
}

func (c *layerCheck) numericUser(on bool, path string) {
	const rule = "NonNumericUser"
	if !on && c.e.numericUser && !c.relax[rule] {
		c.refuse(rule, c.p.line(path), path, "turn the numeric-user requirement off")
		return
	}
	c.e.numericUser = on
}

// registries narrows the trusted registries: a later layer may name only
// registries, or namespaces inside them, that the layers before trust.
func (c *layerCheck) registries() {
	list := c.p.TrustedRegistries
	if len(list) == 0 {
		return
	}
	if len(c.e.trusted) == 0 {
		c.e.trusted = slices.Clone(list)
		return
	}
	ok := true
	for i, r := range list {
		if !trustedBy(r, c.e.trusted) {
			ok = false
			path := fmt.Sprintf("trustedRegistries[%d]", i)
			c.probs.add(c.p.Source, c.p.line(path), "%s: the %s may not trust %s, which the "+
				"layers before it do not trust (%s); trusted registries can only be narrowed",
				path, c.layer, r, strings.Join(c.e.trusted, ", "))
		}
	}
	if ok {
		c.e.trusted = slices.Clone(list)
	}
}

// trustedBy reports whether r is one of list, or a namespace inside one.
func trustedBy(r string, list []string) bool {
	for _, t := range list {
		t = strings.TrimSuffix(t, "/")
		if r == t || strings.HasPrefix(r, t+"/") {
			return true
		}
	}
	return false
}

// refuse reports an attempt to loosen a rule that may not be loosened.
func (c *layerCheck) refuse(id string, line int, path, what string) {
	c.probs.add(c.p.Source, line, "%s: the %s may not %s: %s does not let %s be "+
		"relaxed (that needs relax: true there)", path, c.layer, what, c.e.rules[id].lockedBy, id)
}

// orgName names the organisation's policy in messages.
func orgName(org *Policy) string {
	switch {
	case org.Source == defaultSource:
		return "the built-in default policy"
	case org.Metadata.Name != "":
		return fmt.Sprintf("the organisation policy %q", org.Metadata.Name)
	}
	return "the organisation policy (" + org.Source + ")"
}
