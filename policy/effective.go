package policy

import (
	"fmt"
	"slices"
	"strings"
	"time"

	digest "github.com/opencontainers/go-digest"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// Effective is the policy one build is judged by: the layers resolved
// into one action and settings per rule, and the exceptions in force.
type Effective struct {
	// Name and Version are those of the organisation's policy, or of the
	// built-in default when there is none.
	Name, Version string
	// Digest identifies the whole: the sha256 over the layers' digests
	// (see identify).
	Digest digest.Digest
	// Layers are the policies that made it, strongest first.
	Layers []LayerInfo
	// Now is the clock that decides whether an exception has expired;
	// nil is time.Now. Tests set it.
	Now func() time.Time

	rules          map[string]*ruleState
	exceptions     []Exception
	requiredLabels []string
	numericUser    bool
	trusted        []string
	// ports is nil when no layer lists allowed ports.
	ports       []string
	deny, allow []string
}

// LayerInfo identifies one layer of an Effective policy.
type LayerInfo struct {
	Layer    Layer
	Source   string
	Metadata Metadata
	Digest   digest.Digest
}

// ruleState is what the layers so far decided for one rule.
type ruleState struct {
	action        transform.Action
	relax, inline bool
	lockedBy      string // who turned relax off, for messages
}

// newEffective starts from the rules' default actions, with nothing
// relaxable and no inline exceptions: what a policy file that does not
// name a rule gives it.
func newEffective() *Effective {
	e := &Effective{rules: map[string]*ruleState{}}
	for _, r := range transform.All() {
		e.rules[r.ID] = &ruleState{action: r.Default}
	}
	return e
}

// identify records the layers and computes the digest over them: the
// sha256 of one line "<layer> <digest>\n" per layer present, strongest
// first, the layer named as in LayerInfo.Layer.String().
func (e *Effective) identify(org, repo, build *Policy) {
	e.Name, e.Version = org.Metadata.Name, org.Metadata.Version
	if e.Name == "" {
		e.Name = org.Source
	}
	var b strings.Builder
	for i, p := range []*Policy{org, repo, build} {
		if p == nil {
			continue
		}
		l := LayerInfo{Layer: Layer(i), Source: p.Source, Metadata: p.Metadata, Digest: p.Digest}
		e.Layers = append(e.Layers, l)
		fmt.Fprintf(&b, "%s %s\n", l.Layer, l.Digest)
	}
	e.Digest = digest.FromString(b.String())
}

// Action returns the action of the rule with the given ID; "" for a rule
// that does not exist.
func (e *Effective) Action(id string) transform.Action {
	if st, ok := e.rules[id]; ok {
		return st.action
	}
	return ""
}

// InlineAllowed reports whether inline exceptions to the rule are
// honoured.
func (e *Effective) InlineAllowed(id string) bool {
	st, ok := e.rules[id]
	return ok && st.inline
}

// RequiredLabels returns the labels the image must set.
func (e *Effective) RequiredLabels() []string { return slices.Clone(e.requiredLabels) }

// NumericUser reports whether the image's USER must be numeric.
func (e *Effective) NumericUser() bool { return e.numericUser }

// TrustedRegistries returns the registries images may come from; empty
// means any. No rule reads them yet.
func (e *Effective) TrustedRegistries() []string { return slices.Clone(e.trusted) }

// Exceptions returns the exceptions of every layer, expired or not.
func (e *Effective) Exceptions() []Exception { return slices.Clone(e.exceptions) }

// Expired returns the exceptions that have expired by the policy's clock.
func (e *Effective) Expired() []Exception {
	var out []Exception
	for _, x := range e.exceptions {
		if x.Expired(e.now()) {
			out = append(out, x)
		}
	}
	return out
}

func (e *Effective) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

// Options returns base with what the policy decides: every rule's action
// (replacing base.Actions), the required labels (added to base's), the
// numeric-user requirement (on when either asks), and the exceptions,
// policy and inline.
func (e *Effective) Options(base transform.Options) transform.Options {
	opt := base
	opt.Actions = map[string]transform.Action{}
	for id, st := range e.rules {
		opt.Actions[id] = st.action
	}
	opt.RequiredLabels = union(base.RequiredLabels, e.requiredLabels)
	opt.NumericUser = base.NumericUser || e.numericUser
	opt.TrustedRegistries = append(slices.Clone(base.TrustedRegistries), e.trusted...)
	opt.AllowedPorts = e.ports
	opt.DeniedPackages = union(base.DeniedPackages, e.deny)
	opt.AllowedPackages = union(base.AllowedPackages, e.allow)
	opt.Except = e.except
	opt.InlineAllowed = e.InlineAllowed
	return opt
}

// except finds the first exception, strongest layer first, that covers f
// and has not expired. When only expired ones cover it, the reason is a
// note saying so, and the finding keeps its outcome.
func (e *Effective) except(f transform.Finding, p *transform.Pass) (string, bool) {
	now := e.now()
	note := ""
	for i := range e.exceptions {
		x := &e.exceptions[i]
		if !x.covers(f, p) {
			continue
		}
		if x.Expired(now) {
			if note == "" {
				note = x.expiredNote()
			}
			continue
		}
		return x.applied(), true
	}
	return note, false
}

// Notices returns what the build must say besides the findings of rep:
// one notice for each finding that an expired exception would have
// covered. Send them as warnings; the findings keep their outcomes.
func (e *Effective) Notices(rep *transform.Report) []Notice {
	var out []Notice
	for _, r := range rep.Results {
		if r.Outcome == transform.Excepted || r.Exception == "" {
			continue
		}
		out = append(out, Notice{Rule: r.Rule.ID, Line: r.Location.Start.Line, Message: r.Exception})
	}
	return out
}

// Describe says which policy judges the build, for reports: its name,
// version and digest, then each layer with its source and digest.
func (e *Effective) Describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "policy %s, %s", nameVersion(e.Name, e.Version), e.Digest)
	for _, l := range e.Layers {
		fmt.Fprintf(&b, "\n  %s: %s", l.Layer, l.Source)
		if l.Metadata.Name != "" {
			fmt.Fprintf(&b, ", %s", nameVersion(l.Metadata.Name, l.Metadata.Version))
		}
		fmt.Fprintf(&b, ", %s", l.Digest)
	}
	return b.String()
}

func nameVersion(name, version string) string {
	s := fmt.Sprintf("%q", name)
	if version != "" {
		s += " version " + version
	}
	return s
}

// addLabels adds labels not yet required, keeping their order.
func (e *Effective) addLabels(labels []string) {
	e.requiredLabels = union(e.requiredLabels, labels)
}

func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
