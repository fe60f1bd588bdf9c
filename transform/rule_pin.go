package transform

import (
	"context"
	"fmt"

	"github.com/distribution/reference"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/pkg/errors"
)

// UnpinnedBaseImage pins every external image the build uses to the digest
// its tag points at now.
var UnpinnedBaseImage = &Rule{
	ID:      "UnpinnedBaseImage",
	Summary: "base images and --from images are pinned to a digest",
	Default: ActionFix,
	Check:   checkUnpinned,
}

// imageUse is one place where the Dockerfile names an external image.
type imageUse struct {
	node *parser.Node
	kind string // "FROM", "COPY --from" or "RUN --mount from"
	ref  expanded
	raw  string // the word as written
	// find locates the raw word in the instruction's joined text.
	find func(text string) (span, bool)
}

func checkUnpinned(ctx context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, use := range p.imageUses() {
		f, ok, err := p.pinFinding(ctx, use)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, f)
		}
	}
	return out, nil
}

// imageUses lists the external images that the used stages name.
func (p *Pass) imageUses() []imageUse {
	var out []imageUse
	for _, st := range p.UsedStages() {
		if e, err := p.FromRef(st); err == nil && p.isImage(e.Value, st.Index, false) {
			out = append(out, imageUse{node: st.From, kind: "FROM", ref: e, raw: st.BaseName, find: argWord})
		}
		for i, in := range st.Instructions {
			out = append(out, p.fromFlags(st, i, in)...)
		}
	}
	return out
}

func (p *Pass) fromFlags(st *Stage, i int, in Instruction) []imageUse {
	env := p.StageEnv(st, i)
	var out []imageUse
	add := func(kind, raw string, find func(string) (span, bool)) {
		e, err := expand(p.lex, raw, env)
		if err == nil && p.isImage(e.Value, st.Index, true) {
			out = append(out, imageUse{node: in.Node, kind: kind, ref: e, raw: raw, find: find})
		}
	}
	switch c := in.Command.(type) {
	case *instructions.CopyCommand:
		if c.From != "" {
			add("COPY --from", c.From, func(t string) (span, bool) {
				return flagValue(t, "from", "", c.From)
			})
		}
	case *instructions.RunCommand:
		for _, m := range instructions.GetMounts(c) {
			if m.From != "" {
				from := m.From
				add("RUN --mount from", from, func(t string) (span, bool) {
					return flagValue(t, "mount", "from", from)
				})
			}
		}
	}
	return out
}

// isImage reports whether name, seen in stage index, names an image and
// not an earlier stage or scratch.
func (p *Pass) isImage(name string, index int, allowIndex bool) bool {
	if name == "" || isScratch(name) {
		return false
	}
	_, isStage := p.StageBefore(name, index, allowIndex)
	return !isStage
}

func (p *Pass) pinFinding(ctx context.Context, use imageUse) (Finding, bool, error) {
	named, err := reference.ParseNormalizedNamed(use.ref.Value)
	if err != nil {
		return Finding{}, false, nil // BuildKit reports the bad reference
	}
	if _, ok := named.(reference.Digested); ok {
		return Finding{}, false, nil
	}
	if p.Replaced != nil && p.Replaced(use.ref.Value) {
		return Finding{}, false, nil
	}
	tagged := reference.TagNameOnly(named).(reference.NamedTagged)
	floating := tagged.Tag() == "latest"

	f := Finding{
		Severity: SeverityWarning,
		Location: nodeRange(use.node),
		Message:  fmt.Sprintf("%s %s names a tag, which can move to other content", use.kind, use.ref.Value),
		Fix:      fmt.Sprintf("pin it to a digest: %s@sha256:<digest>", pinnedName(use, tagged)),
	}
	if floating {
		f.Severity = SeverityError
		f.Message = fmt.Sprintf("%s %s floats on the latest tag", use.kind, use.ref.Value)
	}
	if p.Resolver == nil {
		return f, true, nil
	}
	if use.ref.usesVars() && p.InSource {
		f.Fix += " (not rewritten in the file: the name comes from build args; " +
			"pin the ARG's default instead)"
		return f, true, nil
	}
	if use.ref.platformDependent() && p.multiPlatform() {
		f.Fix += " (not rewritten: the name depends on the target platform)"
		return f, true, nil
	}

	img, err := p.Image(ctx, tagged.String())
	if err != nil {
		err = errors.Wrapf(err, "resolve %s %s", use.kind, use.ref.Value)
		return Finding{}, false, parser.WithLocation(err, use.node.Location())
	}
	text := pinnedName(use, tagged) + "@" + img.Digest.String()
	if e, ok := p.replaceWord(use, text); ok {
		f.Edits = []Edit{e}
		f.Fix = "pin it: " + text
		f.Change = "pinned to " + text
	}
	return f, true, nil
}

// pinnedName is how the pinned reference starts: the word as written when
// it has no variables, else the expanded name; with its tag either way.
func pinnedName(use imageUse, tagged reference.NamedTagged) string {
	if use.ref.usesVars() {
		return reference.FamiliarString(tagged)
	}
	named, _ := reference.ParseNormalizedNamed(use.ref.Value)
	if _, ok := named.(reference.Tagged); ok {
		return use.ref.Value
	}
	return use.ref.Value + ":" + tagged.Tag()
}

// replaceWord returns an edit that puts text where use's word is written.
func (p *Pass) replaceWord(use imageUse, text string) (Edit, bool) {
	l, ok := p.join(use.node)
	if !ok {
		return Edit{}, false
	}
	s, ok := use.find(l.Text)
	if !ok || l.Text[s.Start:s.End] != use.raw {
		return Edit{}, false
	}
	return l.replace(s.Start, s.End, text)
}
