package policy

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

var exceptionKeys = []string{"rule", "paths", "images", "match", "reason", "expires"}

// dateLayout is how expires is written.
const dateLayout = "2006-01-02"

func (d *decoder) exceptions(n *yaml.Node) []Exception {
	n = deref(n)
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "exceptions must be a list, not %s", kindName(n))
		return nil
	}
	var out []Exception
	for i, item := range n.Content {
		if x, ok := d.exception(item, fmt.Sprintf("exceptions[%d]", i)); ok {
			out = append(out, x)
		}
	}
	return out
}

// exception decodes one exception and reports whether it is valid.
func (d *decoder) exception(n *yaml.Node, path string) (Exception, bool) {
	n = deref(n)
	before := len(d.errs)
	x := Exception{Source: d.source, Line: n.Line}
	fields := d.mapping(n, path, exceptionKeys)
	if n.Kind != yaml.MappingNode {
		return x, false
	}

	set := map[string]bool{}
	for _, f := range fields {
		set[f.key] = true
		d.exceptionField(&x, f, path+"."+f.key)
	}
	if !set["rule"] {
		d.errorf(n, "%s: rule is missing", path)
	}
	if !set["reason"] {
		d.errorf(n, "%s: reason is missing: every exception says why it is there", path)
	}
	if !set["paths"] && !set["images"] && !set["match"] {
		d.errorf(n, "%s covers every finding of its rule: give paths, images or match "+
			"(or set the rule's action to off)", path)
	}
	return x, len(d.errs) == before
}

func (d *decoder) exceptionField(x *Exception, f field, path string) {
	switch f.key {
	case "rule":
		if s, ok := d.str(f.val, path); ok {
			if _, known := transform.Lookup(s); !known {
				d.errorf(f.val, "%s: unknown rule %q%s", path, s, suggestRule(s))
			}
			x.Rule = s
		}
	case "paths":
		x.Paths = d.list(f.val, path, nil)
		for _, p := range x.Paths {
			x.pathRes = append(x.pathRes, globRegexp(cleanPath(p)))
		}
	case "images":
		x.Images = d.list(f.val, path, checkImagePattern)
		for _, p := range x.Images {
			x.imageRes = append(x.imageRes, globRegexp(p))
		}
	case "match":
		d.match(x, f.val, path)
	case "reason":
		if s, ok := d.str(f.val, path); ok && strings.TrimSpace(s) == "" {
			d.errorf(f.val, "%s is empty: every exception says why it is there", path)
		} else {
			x.Reason = strings.TrimSpace(s)
		}
	case "expires":
		d.expires(x, f.val, path)
	}
}

func (d *decoder) match(x *Exception, n *yaml.Node, path string) {
	s, ok := d.str(n, path)
	if !ok {
		return
	}
	re, err := regexp.Compile(s)
	if err != nil {
		d.errorf(n, "%s: bad regular expression: %s", path,
			strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		return
	}
	x.Match, x.match = s, re
}

func (d *decoder) expires(x *Exception, n *yaml.Node, path string) {
	s, ok := d.str(n, path)
	if !ok {
		return
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		d.errorf(n, "%s: %q is not a date; write YYYY-MM-DD", path, s)
		return
	}
	x.Expires = t
}

// checkImagePattern says what is wrong with an image pattern, or "".
func checkImagePattern(p string) string {
	if strings.Contains(p, "://") || strings.ContainsAny(p, " \t") {
		return fmt.Sprintf("%q is not an image name pattern (e.g. debian, ghcr.io/acme/**)", p)
	}
	return ""
}
