package transform

import (
	"context"
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// SecretInEnvOrArg wants no literal secret in an ENV value or an ARG
// default.
var SecretInEnvOrArg = &Rule{
	ID:      "SecretInEnvOrArg",
	Summary: "ENV values and ARG defaults hold no literal secret",
	Default: ActionError,
	Check:   checkSecretInEnvOrArg,
}

func checkSecretInEnvOrArg(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, in := range p.MetaArgs {
		out = append(out, p.secretVars(in, "before the first FROM")...)
	}
	for _, st := range p.UsedStages() {
		for _, in := range st.Instructions {
			out = append(out, p.secretVars(in, "")...)
		}
	}
	return out, nil
}

// secretVar is one variable an ENV or ARG sets, with its value as written.
type secretVar struct{ name, raw string }

func (p *Pass) secretVars(in Instruction, where string) []Finding {
	kw, vs := secretVarsOf(in)
	var out []Finding
	for _, v := range vs {
		literal := v.raw
		if e, err := expand(p.lex, v.raw, vars{}); err == nil {
			literal = e.Value
		}
		kind, value, ok := secretValue(v.name, v.raw, literal)
		if !ok {
			continue
		}
		out = append(out, secretVarFinding(in, kw, where, v.name, kind, value))
	}
	return out
}

func secretVarsOf(in Instruction) (string, []secretVar) {
	var out []secretVar
	switch c := in.Command.(type) {
	case *instructions.EnvCommand:
		for _, kv := range c.Env {
			out = append(out, secretVar{kv.Key, kv.Value})
		}
		return "ENV", out
	case *instructions.ArgCommand:
		for _, kv := range c.Args {
			if kv.Value != nil {
				out = append(out, secretVar{kv.Key, *kv.Value})
			}
		}
		return "ARG", out
	}
	return "", nil
}

func secretVarFinding(in Instruction, kw, where, name, kind, value string) Finding {
	f := Finding{
		Severity: SeverityError,
		Location: nodeRange(in.Node),
	}
	hint := secretRedact(value)
	switch kw {
	case "ENV":
		f.Message = fmt.Sprintf("ENV %s holds %s (%s): ENV values are stored in the image "+
			"config, readable by anyone who can pull the image", name, kind, hint)
		f.Fix = fmt.Sprintf("remove it; give the build the secret with `RUN --mount=type=secret,"+
			"id=%s,env=%s ...` (`docker buildx build --secret id=%s,env=%s`) and the container "+
			"at run time (docker run -e, or the orchestrator's secrets)", name, name, name, name)
	default:
		at := ""
		if where != "" {
			at = " " + where
		}
		f.Message = fmt.Sprintf("ARG %s%s has a default that holds %s (%s): ARG values "+
			"are recorded in the image history and build cache", name, at, kind, hint)
		f.Fix = fmt.Sprintf("remove the default; use `RUN --mount=type=secret,id=%s,env=%s ...` "+
			"and `docker buildx build --secret id=%s,env=%s` instead of a build argument",
			name, name, name, name)
	}
	return f
}

// secretRedact returns a hint at a secret without giving it away: at most
// its first four characters, fewer for a short one, and its length.
func secretRedact(v string) string {
	r := []rune(v)
	n := min(4, len(r)/4)
	return fmt.Sprintf("%q, %d characters", string(r[:n])+"…", len(r))
}

// secretValue judges one variable. raw is the value as written, literal
// the value after quote removal. It returns what the secret is and the
// secret itself.
func secretValue(name, raw, literal string) (string, string, bool) {
	if kind, tok, ok := secretToken(raw); ok {
		return kind, tok, true
	}
	if strings.Contains(raw, "$") || !secretName(name) || !secretLiteral(literal) {
		return "", "", false
	}
	return "a literal " + secretNameKind(name), literal, true
}

// secretNameKind names what a secret-looking variable holds.
func secretNameKind(name string) string {
	up := strings.ToUpper(name)
	switch {
	case strings.Contains(up, "PASSW") || strings.Contains(up, "PASSPHRASE") ||
		strings.HasSuffix(up, "_PASS") || strings.HasSuffix(up, "_PWD"):
		return "password"
	case strings.Contains(up, "TOKEN"):
		return "token"
	case strings.Contains(up, "SECRET"):
		return "secret"
	case strings.Contains(up, "KEY"):
		return "key"
	case strings.Contains(up, "CRED"):
		return "credential"
	}
	return "secret"
}
