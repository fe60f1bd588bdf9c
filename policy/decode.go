package policy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// decoder walks a policy's YAML nodes, gathering every problem with its
// line rather than stopping at the first.
type decoder struct {
	problems
	source string
	lines  map[string]int
}

// field is one entry of a YAML mapping.
type field struct {
	key  string
	line int
	val  *yaml.Node
}

// yamlLine matches the position in the YAML library's syntax errors.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML parses data as one YAML document and returns its root node.
func parseYAML(name string, data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	err := dec.Decode(&doc)
	if errors.Is(err, io.EOF) {
		return nil, &Error{Source: name, Line: 1, Msg: "the policy is empty"}
	}
	if err != nil {
		return nil, yamlError(name, err)
	}

	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, &Error{Source: name, Line: next.Line,
			Msg: "a second YAML document: a policy is one document"}
	case !errors.Is(err, io.EOF):
		return nil, yamlError(name, err)
	}
	if len(doc.Content) == 0 {
		return nil, &Error{Source: name, Line: 1, Msg: "the policy is empty"}
	}
	return doc.Content[0], nil
}

// yamlError turns the YAML library's "yaml: line N: msg" into an Error.
func yamlError(name string, err error) error {
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return &Error{Source: name, Msg: "read YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	line, _ := strconv.Atoi(m[1])
	return &Error{Source: name, Line: line, Msg: "read YAML: " + m[2]}
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.add(d.source, n.Line, format, args...)
}

// remember notes the line a field path was written on.
func (d *decoder) remember(path string, line int) {
	if d.lines == nil {
		d.lines = map[string]int{}
	}
	d.lines[path] = line
}

// deref follows aliases to the node they stand for.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// kindName says what a node is, for messages.
func kindName(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.ShortTag() == "!!null":
		return "empty"
	}
	return fmt.Sprintf("the value %q", n.Value)
}

// mapping returns the entries of a mapping in order. It reports a node
// that is not a mapping, repeated keys, and keys not in known; the
// entries it returns are the known ones, once each.
func (d *decoder) mapping(n *yaml.Node, path string, known []string) []field {
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping, not %s", orTop(path), kindName(n))
		return nil
	}
	var out []field
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "%s has a key that is %s", path, kindName(k))
			continue
		}
		if first, ok := seen[k.Value]; ok {
			d.errorf(k, "%s is set twice (first on line %d)", join(path, k.Value), first)
			continue
		}
		seen[k.Value] = k.Line
		if known != nil && !slices.Contains(known, k.Value) {
			d.errorf(k, "unknown field %q in %s (known: %s)", k.Value, orTop(path),
				strings.Join(known, ", "))
			continue
		}
		out = append(out, field{key: k.Value, line: k.Line, val: v})
	}
	return out
}

// str reads a scalar as a string. A number or a date is taken as it is
// written; an empty value or a collection is reported.
func (d *decoder) str(n *yaml.Node, path string) (string, bool) {
	n = deref(n)
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		d.errorf(n, "%s must be a string, not %s", path, kindName(n))
		return "", false
	}
	return n.Value, true
}

// boolean reads true or false, and nothing else.
func (d *decoder) boolean(n *yaml.Node, path string) (bool, bool) {
	n = deref(n)
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
		d.errorf(n, "%s must be true or false, not %s", path, kindName(n))
		return false, false
	}
	return n.Value == "true" || n.Value == "True" || n.Value == "TRUE", true
}

// list reads a list of strings that are not empty. check, when set, says
// what is wrong with an item, or "".
func (d *decoder) list(n *yaml.Node, path string, check func(string) string) []string {
	n = deref(n)
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list, not %s", path, kindName(n))
		return nil
	}
	var out []string
	for i, item := range n.Content {
		at := fmt.Sprintf("%s[%d]", path, i)
		d.remember(at, deref(item).Line)
		s, ok := d.str(item, at)
		if !ok {
			continue
		}
		problem := ""
		switch {
		case strings.TrimSpace(s) == "":
			problem = "an empty string"
		case check != nil:
			problem = check(s)
		}
		if problem != "" {
			d.errorf(deref(item), "%s: %s", at, problem)
			continue
		}
		out = append(out, s)
	}
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func orTop(path string) string {
	if path == "" {
		return "the policy"
	}
	return path
}
