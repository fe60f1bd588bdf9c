package transform

import (
	"context"
	"maps"

	"github.com/containerd/platforms"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/pkg/errors"
)

// Options are the facts of one build that the rules judge by.
type Options struct {
	// Filename names the Dockerfile in messages.
	Filename string
	// BuildArgs are the build's --build-arg values.
	BuildArgs map[string]string
	// Target is the stage being built; empty means the last stage.
	Target string
	// BuildPlatform is the platform the build runs on.
	BuildPlatform ocispecs.Platform
	// TargetPlatforms are the platforms being built for; empty means the
	// build platform.
	TargetPlatforms []ocispecs.Platform
	// Resolver looks up images. Rules that need it report nothing when it
	// is nil.
	Resolver Resolver
	// Replaced reports whether a named build context stands in for an
	// image reference; such references are not rewritten, or BuildKit
	// would no longer find the context under the written name.
	Replaced func(ref string) bool
	// DockerIgnore holds the build context's .dockerignore patterns; nil
	// means the context has no .dockerignore.
	DockerIgnore []string
	// Context reads the build context; nil means the rules cannot look
	// into it, and the rewrites that need to know what it holds are not
	// made.
	Context ContextFS
	// VCSSource and VCSRevision are the repository and commit the build
	// context came from, when the client said (buildx sends them).
	VCSSource, VCSRevision string
	// RequiredLabels are the image labels the policy requires.
	RequiredLabels []string
	// NumericUser asks for USER to name a numeric UID, as platforms that
	// check runAsNonRoot need.
	NumericUser bool
	// AllowedPorts, when not nil, lists the ports EXPOSE may name
	// ("8080", "8000-8100", optionally with "/tcp" or "/udp"): ExposeSSH
	// reports every other port.
	AllowedPorts []string
	// DeniedPackages are packages UnwantedPackages reports as errors, on
	// top of its own list; AllowedPackages are names from its list the
	// policy accepts.
	DeniedPackages, AllowedPackages []string
	// TrustedRegistries lists the registries, namespaces or repositories
	// images may come from besides the Docker Official Images.
	TrustedRegistries []string
	// InSource says the fixes are written back into the Dockerfile (the
	// command-line fix) rather than made for one build: then a word built
	// from variables is never replaced by its value for this build, which
	// would bake one set of build args into the file.
	InSource bool
	// Actions overrides the default action of rules, by rule ID.
	Actions map[string]Action
	// Except, when set, is asked about every finding before its outcome
	// is decided. With ok, the finding is Excepted and reason says which
	// exception covers it and why. Without ok, a reason that is not empty
	// is a note kept with the finding, such as an exception that matched
	// but has expired.
	Except func(f Finding, p *Pass) (reason string, ok bool)
	// InlineAllowed reports whether the policy honours inline exceptions
	// (a "# safe-dockerfile:allow=RULE reason=..." comment above an
	// instruction) for the rule with the given ID. Nil honours none; the
	// InlineException rule reports the comments that are not honoured.
	InlineAllowed func(ruleID string) bool
	// Rules are the rules to run; nil means All().
	Rules []*Rule
}

// Pass is what a rule's check sees: the parsed Dockerfile, the build's
// options and the facts derived from them.
type Pass struct {
	*Dockerfile
	Options

	// Target is the stage being built.
	Target *Stage

	lex     *shell.Lex
	global  vars
	used    map[int]bool
	images  map[string]imageAnswer
	scripts map[*parser.Node]*runScript
	envs    map[int][]vars
	inline  map[*parser.Node][]inlineComment
}

type imageAnswer struct {
	img *Image
	err error
}

// newPass prepares the facts of df. Passes over the phases of one run share
// images, the answers about base images.
func newPass(df *Dockerfile, opt Options, images map[string]imageAnswer) (*Pass, error) {
	if opt.BuildPlatform.OS == "" {
		opt.BuildPlatform = platforms.DefaultSpec()
	}
	p := &Pass{
		Dockerfile: df,
		Options:    opt,
		lex:        shell.NewLex(df.Escape),
		images:     images,
		scripts:    map[*parser.Node]*runScript{},
		envs:       map[int][]vars{},
	}
	if err := p.initGlobals(); err != nil {
		return nil, err
	}
	if err := p.initTarget(); err != nil {
		return nil, err
	}
	p.expandMounts()
	p.used = map[int]bool{}
	p.markUsed(p.Target)
	return p, nil
}

// expandMounts expands the --mount flags of every RUN, as BuildKit does
// when it converts the stage; before that only their from= is parsed.
// A mount that does not expand is left for BuildKit to report.
func (p *Pass) expandMounts() {
	for _, st := range p.Stages {
		for i, in := range st.Instructions {
			run, ok := in.Command.(*instructions.RunCommand)
			if !ok {
				continue
			}
			env := p.StageEnv(st, i)
			_ = run.Expand(func(word string) (string, error) {
				e, err := expand(p.lex, word, env)
				return e.Value, err
			})
		}
	}
}

// TargetPlatform returns the first platform being built for.
func (p *Pass) TargetPlatform() ocispecs.Platform {
	if len(p.TargetPlatforms) > 0 {
		return p.TargetPlatforms[0]
	}
	return p.BuildPlatform
}

func (p *Pass) multiPlatform() bool {
	return len(p.TargetPlatforms) > 1
}

func (p *Pass) initGlobals() error {
	p.global = platformArgs(p.BuildPlatform, p.TargetPlatform(), p.Options.Target)
	for _, in := range p.MetaArgs {
		arg, ok := in.Command.(*instructions.ArgCommand)
		if !ok {
			continue
		}
		if err := applyArgs(p.lex, p.global, arg, p.BuildArgs, nil); err != nil {
			return parser.WithLocation(err, in.Node.Location())
		}
	}
	return nil
}

func (p *Pass) initTarget() error {
	if len(p.Stages) == 0 {
		return errors.New("dockerfile contains no stages to build")
	}
	if p.Options.Target == "" {
		p.Target = p.Stages[len(p.Stages)-1]
		return nil
	}
	st, ok := p.StageBefore(p.Options.Target, len(p.Stages), false)
	if !ok {
		return errors.Errorf("target stage %q could not be found", p.Options.Target)
	}
	p.Target = st
	return nil
}

// markUsed marks st and every stage it depends on.
func (p *Pass) markUsed(st *Stage) {
	if p.used[st.Index] {
		return
	}
	p.used[st.Index] = true
	if base, ok := p.BaseStage(st); ok {
		p.markUsed(base)
	}
	for i, in := range st.Instructions {
		for _, ref := range stageRefs(in.Command) {
			e, err := expand(p.lex, ref, p.StageEnv(st, i))
			if err != nil {
				continue
			}
			if dep, ok := p.StageBefore(e.Value, st.Index, true); ok {
				p.markUsed(dep)
			}
		}
	}
}

// Used reports whether the build target depends on st.
func (p *Pass) Used(st *Stage) bool {
	return p.used[st.Index]
}

// UsedStages returns the stages the build target depends on, in order.
func (p *Pass) UsedStages() []*Stage {
	var out []*Stage
	for _, st := range p.Stages {
		if p.used[st.Index] {
			out = append(out, st)
		}
	}
	return out
}

// FromRef expands the image or stage name of st's FROM line.
func (p *Pass) FromRef(st *Stage) (expanded, error) {
	return expand(p.lex, st.BaseName, p.global)
}

// BaseStage returns the earlier stage that st is built FROM, if any.
func (p *Pass) BaseStage(st *Stage) (*Stage, bool) {
	e, err := p.FromRef(st)
	if err != nil {
		return nil, false
	}
	return p.StageBefore(e.Value, st.Index, false)
}

// StageEnv returns the variables in scope before instruction i of st. The
// map is shared: callers must not change it.
func (p *Pass) StageEnv(st *Stage, i int) vars {
	envs, ok := p.envs[st.Index]
	if !ok {
		envs = p.stageEnvs(st)
		p.envs[st.Index] = envs
	}
	return envs[i]
}

// stageEnvs computes the variables before each instruction of st, and
// after the last. Instructions that set nothing share their
// predecessor's map.
func (p *Pass) stageEnvs(st *Stage) []vars {
	envs := make([]vars, len(st.Instructions)+1)
	env := vars{}
	for i, in := range st.Instructions {
		envs[i] = env
		switch c := in.Command.(type) {
		case *instructions.ArgCommand:
			env = maps.Clone(env)
			_ = applyArgs(p.lex, env, c, p.BuildArgs, p.global)
		case *instructions.EnvCommand:
			env = maps.Clone(env)
			for _, kv := range c.Env {
				if e, err := expand(p.lex, kv.Value, env); err == nil {
					env[kv.Key] = e.Value
				}
			}
		}
	}
	envs[len(st.Instructions)] = env
	return envs
}

// Image resolves ref through the Resolver once per build.
func (p *Pass) Image(ctx context.Context, ref string) (*Image, error) {
	if a, ok := p.images[ref]; ok {
		return a.img, a.err
	}
	if p.Resolver == nil {
		return nil, errNoResolver
	}
	plat := p.TargetPlatform()
	img, err := p.Resolver.ResolveImage(ctx, ref, &plat)
	p.images[ref] = imageAnswer{img, err}
	return img, err
}

// stageRefs returns the unexpanded --from values of a command.
func stageRefs(cmd instructions.Command) []string {
	switch c := cmd.(type) {
	case *instructions.CopyCommand:
		if c.From != "" {
			return []string{c.From}
		}
	case *instructions.RunCommand:
		var refs []string
		for _, m := range instructions.GetMounts(c) {
			if m.From != "" {
				refs = append(refs, m.From)
			}
		}
		return refs
	}
	return nil
}

// isScratch reports whether name is BuildKit's reserved empty image.
func isScratch(name string) bool {
	return name == "scratch"
}
