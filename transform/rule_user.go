package transform

import (
	"context"
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/pkg/errors"
)

// RootUser wants the image being built to run as a user other than root.
var RootUser = &Rule{
	ID:      "RootUser",
	Summary: "the image runs as a non-root USER",
	Default: ActionError,
	Check:   checkRootUser,
}

const addUserHint = "create a user and switch to it at the end of the stage, " +
	"e.g. `RUN useradd --uid 10001 --no-create-home app` (Debian) or " +
	"`RUN adduser -D -u 10001 app` (Alpine, BusyBox), then `USER 10001`"

// unknownUser stands for the user of a base image that was not looked up.
const unknownUser = "\x00unknown"

// userSource is where the target stage's user comes from.
type userSource struct {
	user  string
	node  *parser.Node // the USER instruction, or nil
	image string       // the base image whose config set it, or ""
	stage *Stage       // the stage whose FROM names that image
}

func checkRootUser(ctx context.Context, p *Pass) ([]Finding, error) {
	src, err := p.finalUser(ctx, p.Target, 0)
	if err != nil {
		return nil, err
	}
	if src.user == unknownUser {
		return []Finding{{
			Severity: SeverityInfo,
			Location: nodeRange(p.Target.From),
			Message: fmt.Sprintf("%s sets no USER, and the user of its base image %s is unknown "+
				"without the registry", stageLabel(p.Target), src.image),
			Fix: "set a non-root USER in the stage, or check with the registry (no --offline)",
		}}, nil
	}
	if !isRoot(src.user) {
		return nil, nil
	}

	f := Finding{Severity: SeverityError, Fix: addUserHint}
	stage := stageLabel(p.Target)
	switch {
	case src.node != nil:
		f.Location = nodeRange(src.node)
		f.Message = fmt.Sprintf("%s runs as root: USER %s is its last user", stage, src.user)
		f.Fix = "switch to a non-root user after the steps that need root: " + addUserHint
	case src.image != "":
		f.Location = nodeRange(p.Target.From)
		f.Message = fmt.Sprintf("%s runs as root: it sets no USER and its base image %s runs as root",
			stage, src.image)
	default:
		f.Location = nodeRange(p.Target.From)
		f.Message = fmt.Sprintf("%s runs as root: it sets no USER and starts FROM scratch", stage)
	}
	return []Finding{f}, nil
}

// finalUser finds the user st ends with: its last USER, else its base
// stage's, else the base image's configured user.
func (p *Pass) finalUser(ctx context.Context, st *Stage, depth int) (userSource, error) {
	for i := len(st.Instructions) - 1; i >= 0; i-- {
		in := st.Instructions[i]
		if u, ok := in.Command.(*instructions.UserCommand); ok {
			e, err := expand(p.lex, u.User, p.StageEnv(st, i))
			if err != nil {
				return userSource{}, parser.WithLocation(err, in.Node.Location())
			}
			return userSource{user: e.Value, node: in.Node}, nil
		}
	}

	if base, ok := p.BaseStage(st); ok && depth < len(p.Stages) {
		return p.finalUser(ctx, base, depth+1)
	}
	ref, err := p.FromRef(st)
	if err != nil || isScratch(ref.Value) {
		return userSource{stage: st}, nil
	}
	if p.Resolver == nil {
		return userSource{user: unknownUser, image: ref.Value, stage: st}, nil
	}
	img, err := p.Image(ctx, ref.Value)
	if err != nil {
		err = errors.Wrapf(err, "resolve FROM %s", ref.Value)
		return userSource{}, parser.WithLocation(err, st.From.Location())
	}
	return userSource{user: img.User, image: ref.Value, stage: st}, nil
}

// isRoot reports whether a USER value runs as root: empty, root or 0, with
// or without a group.
func isRoot(user string) bool {
	name, _, _ := strings.Cut(user, ":")
	return name == "" || name == "root" || name == "0"
}

func stageLabel(st *Stage) string {
	if st.Name != "" {
		return fmt.Sprintf("stage %q", st.Name)
	}
	return fmt.Sprintf("stage %d", st.Index)
}
