package transform

import (
	"maps"
	"slices"
	"strings"

	"github.com/containerd/platforms"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// vars is a set of variables that BuildKit's shell lexer can expand.
type vars map[string]string

func (v vars) Get(key string) (string, bool) {
	val, ok := v[key]
	return val, ok
}

func (v vars) Keys() []string {
	return slices.Sorted(maps.Keys(v))
}

// platformArgs returns the automatic platform ARGs BuildKit defines.
func platformArgs(build, target ocispecs.Platform, stage string) vars {
	if stage == "" {
		stage = "default"
	}
	return vars{
		"BUILDPLATFORM":   platforms.Format(build),
		"BUILDOS":         build.OS,
		"BUILDOSVERSION":  build.OSVersion,
		"BUILDARCH":       build.Architecture,
		"BUILDVARIANT":    build.Variant,
		"TARGETPLATFORM":  platforms.FormatAll(target),
		"TARGETOS":        target.OS,
		"TARGETOSVERSION": target.OSVersion,
		"TARGETARCH":      target.Architecture,
		"TARGETVARIANT":   target.Variant,
		"TARGETSTAGE":     stage,
	}
}

// isTargetArg reports whether an automatic ARG differs between the
// platforms of a multi-platform build.
func isTargetArg(name string) bool {
	return strings.HasPrefix(name, "TARGET") && name != "TARGETSTAGE"
}

// expanded is a word after ARG expansion.
type expanded struct {
	Value string
	// Matched names the variables the word used.
	Matched map[string]struct{}
}

// usesVars reports whether the word was built from variables at all.
func (e expanded) usesVars() bool { return len(e.Matched) > 0 }

// platformDependent reports whether the word depends on the target
// platform, so that it differs between the platforms of one build.
func (e expanded) platformDependent() bool {
	for name := range e.Matched {
		if isTargetArg(name) {
			return true
		}
	}
	return false
}

// expand expands word the way BuildKit expands FROM and --from values.
func expand(lex *shell.Lex, word string, env vars) (expanded, error) {
	res, err := lex.ProcessWordWithMatches(word, env)
	if err != nil {
		return expanded{}, err
	}
	return expanded{Value: res.Result, Matched: res.Matched}, nil
}

// applyArgs adds an ARG instruction's variables to env: a build arg wins
// over the default, and an ARG with neither keeps the value env already
// has (a global ARG redeclared in a stage).
func applyArgs(lex *shell.Lex, env vars, cmd *instructions.ArgCommand, buildArgs, global map[string]string) error {
	for _, kv := range cmd.Args {
		if v, ok := buildArgs[kv.Key]; ok {
			env[kv.Key] = v
			continue
		}
		if kv.Value != nil {
			e, err := expand(lex, *kv.Value, env)
			if err != nil {
				return err
			}
			env[kv.Key] = e.Value
			continue
		}
		if v, ok := global[kv.Key]; ok {
			env[kv.Key] = v
		}
	}
	return nil
}
