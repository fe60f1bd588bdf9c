package transform

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// RequiredLabels wants the shipped image to carry every label the policy
// requires, and fills in the source repository and revision when the build
// knows them.
var RequiredLabels = &Rule{
	ID:      "RequiredLabels",
	Summary: "the image sets the labels the policy requires",
	Default: ActionFix,
	Check:   checkRequiredLabels,
}

// The OCI annotations that the build can fill in from the client's Git
// information.
const (
	labelSource   = "org.opencontainers.image.source"
	labelRevision = "org.opencontainers.image.revision"
)

func checkRequiredLabels(_ context.Context, p *Pass) ([]Finding, error) {
	if len(p.Options.RequiredLabels) == 0 {
		return nil, nil
	}
	set := labelsOfTarget(p)
	seen := map[string]bool{}
	var out []Finding
	for _, key := range p.Options.RequiredLabels {
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		v, ok := set[key]
		if ok && v != "" {
			continue
		}
		out = append(out, labelFinding(p, key, ok))
	}
	return out, nil
}

// labelsOfTarget returns the labels the target stage ends with, from its
// LABELs and those of the stages it is built FROM. A label whose value does
// not expand counts as set.
func labelsOfTarget(p *Pass) map[string]string {
	chain := runtimeChain(p, p.Target)
	set := map[string]string{}
	for j := len(chain) - 1; j >= 0; j-- {
		st := chain[j]
		for i, in := range st.Instructions {
			lc, ok := in.Command.(*instructions.LabelCommand)
			if !ok {
				continue
			}
			env := p.StageEnv(st, i)
			for _, kv := range lc.Labels {
				k, err := expand(p.lex, kv.Key, env)
				if err != nil {
					continue
				}
				v, err := expand(p.lex, kv.Value, env)
				if err != nil {
					v.Value = kv.Value
				}
				set[k.Value] = v.Value
			}
		}
	}
	return set
}

func labelFinding(p *Pass, key string, empty bool) Finding {
	stage := stageLabel(p.Target)
	f := Finding{
		Severity: SeverityWarning,
		Location: nodeRange(p.Target.From),
		Message:  fmt.Sprintf("%s does not set the label %s, which the policy requires", stage, key),
		Fix:      fmt.Sprintf("add `LABEL %s=<value>` to %s", key, stage),
	}
	if empty {
		f.Message = fmt.Sprintf("%s sets the label %s, which the policy requires, to an empty value",
			stage, key)
	}

	value := map[string]string{labelSource: p.VCSSource, labelRevision: p.VCSRevision}[key]
	if key != labelSource && key != labelRevision {
		return f
	}
	if value == "" {
		f.Fix += " (the build did not receive the Git " + map[string]string{
			labelSource: "repository", labelRevision: "commit"}[key] +
			": buildx sends it when the context is a Git checkout)"
		return f
	}

	pair := key + "=" + quoteLabel(value, p.Escape)
	f.Fix = fmt.Sprintf("add `LABEL %s` to %s", pair, stage)
	node, e, why := appendLabel(p, key, value, pair)
	if why != "" {
		f.Fix += " (not rewritten: " + why + ")"
		return f
	}
	f.Location = nodeRange(node)
	f.Edits = []Edit{e}
	f.Change = fmt.Sprintf("added %s to the LABEL on line %d", pair, node.StartLine)
	return f
}

// appendLabel returns an edit that adds pair at the end of the target
// stage's last LABEL, or why it cannot. It checks that BuildKit reads the
// extended LABEL as before plus key set to value.
func appendLabel(p *Pass, key, value, pair string) (*parser.Node, Edit, string) {
	st := p.Target
	for i := len(st.Instructions) - 1; i >= 0; i-- {
		lc, ok := st.Instructions[i].Command.(*instructions.LabelCommand)
		if !ok {
			continue
		}
		n := st.Instructions[i].Node
		for _, kv := range lc.Labels {
			if kv.NoDelim {
				return nil, Edit{}, fmt.Sprintf("the LABEL on line %d uses the old "+
					"`LABEL key value` form, which takes no second label", n.StartLine)
			}
		}
		if strings.ContainsFunc(value, func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f }) {
			return nil, Edit{}, "the value has a line break or another control character"
		}
		l, ok := p.join(n)
		end := len(strings.TrimRight(l.Text, " \t"))
		text := " " + pair
		if !ok || !labelReads(p, st, i, l.Text[:end]+text, lc.Labels, key, value) {
			return nil, Edit{}, fmt.Sprintf("the LABEL on line %d could not be extended safely",
				n.StartLine)
		}
		return n, l.at(end, text), ""
	}
	return nil, Edit{}, stageLabel(st) + " has no LABEL to extend, and fixes never add lines"
}

// labelReads reports whether text parses as a LABEL with the labels it had
// before and one more, key with value after expansion.
func labelReads(p *Pass, st *Stage, i int, text string, before instructions.KeyValuePairs,
	key, value string) bool {
	src := text
	if p.Escape != '\\' {
		src = "# escape=" + string(p.Escape) + "\n" + text
	}
	res, err := parser.Parse(strings.NewReader(src))
	if err != nil || len(res.AST.Children) != 1 {
		return false
	}
	cmd, err := instructions.ParseInstruction(res.AST.Children[0])
	if err != nil {
		return false
	}
	lc, ok := cmd.(*instructions.LabelCommand)
	if !ok || len(lc.Labels) != len(before)+1 || !slices.Equal(lc.Labels[:len(before)], before) {
		return false
	}
	last := lc.Labels[len(before)]
	v, err := expand(p.lex, last.Value, p.StageEnv(st, i))
	return err == nil && last.Key == key && v.Value == value
}

// quoteLabel writes value as a double-quoted Dockerfile word: the escape
// character goes before each ", $ and escape character, so that BuildKit
// reads the value back unchanged and expands nothing in it.
func quoteLabel(value string, escape rune) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range value {
		if r == '"' || r == '$' || r == escape {
			b.WriteRune(escape)
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}
