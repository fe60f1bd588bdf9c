package policy

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

var (
	topKeys = []string{"apiVersion", "kind", "metadata", "rules", "exceptions",
		"trustedRegistries", "requiredLabels", "numericUser"}
	metadataKeys = []string{"name", "version"}
	ruleKeys     = []string{"action", "relax", "inline", "options"}
)

// policy decodes the root node of a policy file.
func (d *decoder) policy(root *yaml.Node) *Policy {
	p := &Policy{Rules: map[string]RuleConfig{}}
	fields := d.mapping(root, "", topKeys)
	if root.Kind != yaml.MappingNode {
		return p
	}
	var version, kind bool
	for _, f := range fields {
		d.remember(f.key, f.line)
		switch f.key {
		case "apiVersion":
			version = true
			d.apiVersion(f.val)
		case "kind":
			kind = true
			if s, ok := d.str(f.val, "kind"); ok && s != Kind {
				d.errorf(f.val, "kind is %q; a policy file has kind %s", s, Kind)
			}
		case "metadata":
			p.Metadata = d.metadata(f.val)
		case "rules":
			p.Rules = d.rules(f.val)
		case "exceptions":
			p.Exceptions = d.exceptions(f.val)
		case "trustedRegistries":
			p.TrustedRegistries = d.registries(f.val)
		case "requiredLabels":
			p.RequiredLabels = d.labels(f.val, "requiredLabels")
		case "numericUser":
			if b, ok := d.boolean(f.val, "numericUser"); ok {
				p.NumericUser = &b
			}
		}
	}
	if !version {
		d.errorf(root, "apiVersion is missing: the first line of a policy is apiVersion: %s",
			APIVersion)
	}
	if !kind {
		d.errorf(root, "kind is missing: a policy file has kind: %s", Kind)
	}
	p.lines = d.lines
	d.numericUserAgrees(p)
	return p
}

// numericUserAgrees reports a policy whose numericUser and
// NonNumericUser's required option say opposite things.
func (d *decoder) numericUserAgrees(p *Policy) {
	req := p.Rules["NonNumericUser"].Options.Required
	if p.NumericUser == nil || req == nil || *req == *p.NumericUser {
		return
	}
	d.add(d.source, p.line("rules.NonNumericUser.options.required"),
		"rules.NonNumericUser.options.required is %t, but numericUser on line %d is %t",
		*req, p.line("numericUser"), *p.NumericUser)
}

func (d *decoder) apiVersion(n *yaml.Node) {
	s, ok := d.str(n, "apiVersion")
	if ok && s != APIVersion {
		d.errorf(n, "apiVersion %q is not one this safe-dockerfile reads (%s)", s, APIVersion)
	}
}

func (d *decoder) metadata(n *yaml.Node) Metadata {
	var m Metadata
	for _, f := range d.mapping(n, "metadata", metadataKeys) {
		s, _ := d.str(f.val, "metadata."+f.key)
		if f.key == "name" {
			m.Name = s
		} else {
			m.Version = s
		}
	}
	return m
}

// rules decodes the rules mapping: rule IDs to their settings, or to an
// action alone ("RootUser: warn").
func (d *decoder) rules(n *yaml.Node) map[string]RuleConfig {
	out := map[string]RuleConfig{}
	for _, f := range d.mapping(n, "rules", nil) {
		path := "rules." + f.key
		if _, ok := transform.Lookup(f.key); !ok {
			d.add(d.source, f.line, "unknown rule %q%s", f.key, suggestRule(f.key))
			continue
		}
		d.remember(path, f.line)
		val := deref(f.val)
		if val.Kind == yaml.ScalarNode && val.ShortTag() != "!!null" {
			d.remember(path+".action", val.Line)
			out[f.key] = RuleConfig{Action: d.action(val, path)}
			continue
		}
		out[f.key] = d.ruleConfig(f.key, val, path)
	}
	return out
}

func (d *decoder) ruleConfig(id string, n *yaml.Node, path string) RuleConfig {
	var rc RuleConfig
	for _, f := range d.mapping(n, path, ruleKeys) {
		d.remember(join(path, f.key), f.line)
		switch f.key {
		case "action":
			rc.Action = d.action(f.val, path+".action")
		case "relax":
			if b, ok := d.boolean(f.val, path+".relax"); ok {
				rc.Relax = &b
			}
		case "inline":
			if b, ok := d.boolean(f.val, path+".inline"); ok {
				rc.Inline = &b
			}
		case "options":
			rc.Options = d.options(id, f.val, path+".options")
		}
	}
	return rc
}

func (d *decoder) action(n *yaml.Node, path string) transform.Action {
	s, ok := d.str(n, path)
	if !ok {
		return ""
	}
	a := transform.Action(s)
	if !a.Valid() {
		d.errorf(n, "%s: %q is not an action (error, warn, fix or off)", path, s)
		return ""
	}
	return a
}

// options decodes a rule's options, which only some rules take.
func (d *decoder) options(id string, n *yaml.Node, path string) RuleOptions {
	var o RuleOptions
	keys, ok := ruleOptionKeys[id]
	if !ok {
		d.errorf(n, "%s: rule %s takes no options", path, id)
		return o
	}
	for _, f := range d.mapping(n, path, keys) {
		d.remember(join(path, f.key), f.line)
		switch f.key {
		case "labels":
			o.Labels = d.labels(f.val, path+".labels")
		case "required":
			if b, ok := d.boolean(f.val, path+".required"); ok {
				o.Required = &b
			}
		case "allowedPorts":
			o.AllowedPorts = d.list(f.val, path+".allowedPorts", checkPorts)
			if o.AllowedPorts == nil {
				o.AllowedPorts = []string{} // an empty list allows no port
			}
		case "deny":
			o.Deny = d.list(f.val, path+".deny", packageName)
		case "allow":
			o.Allow = d.list(f.val, path+".allow", packageName)
		}
	}
	return o
}

// portSpec is a port or range of ports, with an optional protocol.
var portSpec = regexp.MustCompile(`^[0-9]{1,5}(-[0-9]{1,5})?(/(tcp|udp|sctp))?$`)

// checkPorts checks a port or a range of ports: 1 to 65535, the first
// of a range not above the last.
func checkPorts(p string) string {
	bad := fmt.Sprintf("%q is not a port: write 8080, 8000-8100 or 53/udp", p)
	if !portSpec.MatchString(p) {
		return bad
	}
	ports, _, _ := strings.Cut(p, "/")
	first, last, isRange := strings.Cut(ports, "-")
	lo, _ := strconv.Atoi(first)
	hi := lo
	if isRange {
		hi, _ = strconv.Atoi(last)
	}
	if lo < 1 || hi > 65535 || lo > hi {
		return bad
	}
	return ""
}

// packageName checks a package name as package managers write them.
func packageName(p string) string {
	if p == "" || strings.ContainsAny(p, " \t\n/=;&|$`'\"<>()") {
		return fmt.Sprintf("%q is not a package name", p)
	}
	return ""
}

// labels reads label keys: no spaces, quotes or "=", which LABEL could
// not set.
func (d *decoder) labels(n *yaml.Node, path string) []string {
	return d.list(n, path, func(l string) string {
		if strings.ContainsAny(l, " \t\n=\"'") {
			return fmt.Sprintf("%q is not a label key", l)
		}
		return ""
	})
}

// registries reads trusted registries: a host, optionally with a path
// ("ghcr.io/acme"), without a scheme, tag or digest.
func (d *decoder) registries(n *yaml.Node) []string {
	return d.list(n, "trustedRegistries", func(r string) string {
		if strings.Contains(r, "://") || strings.ContainsAny(r, " \t@") {
			return fmt.Sprintf("%q is not a registry or namespace "+
				"(write ghcr.io/acme: no scheme, tag or digest)", r)
		}
		return ""
	})
}

// suggestRule names the rule whose ID is nearest to id, when one is near
// enough to be a typo of it.
func suggestRule(id string) string {
	best, bestDist := "", 3
	for _, r := range transform.All() {
		d := distance(strings.ToLower(id), strings.ToLower(r.ID))
		if d < bestDist {
			best, bestDist = r.ID, d
		}
	}
	if best == "" {
		return " (`safe-dockerfile rules` lists the rules)"
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

// distance is the edit distance between two strings, by bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
