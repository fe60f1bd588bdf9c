package transform

import (
	"context"
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// VerificationDisabled wants downloads and packages verified: no switch
// that turns off TLS certificate or package signature checks.
var VerificationDisabled = &Rule{
	ID:      "VerificationDisabled",
	Summary: "no switch turns off TLS certificate or package signature checks",
	Default: ActionError,
	Check:   checkVerificationDisabled,
}

// verifyKind is what a switch stops checking; it chooses the advice.
type verifyKind int

const (
	verifyTLS verifyKind = iota
	verifySignature
	verifyHost // a host trusted without TLS
	verifySum  // Go's checksum database
)

const (
	verifyTLSHint = "remove it; if the server uses a private CA, install its certificate " +
		"(COPY it to /usr/local/share/ca-certificates/ and RUN update-ca-certificates) or " +
		"point the tool at it (curl --cacert, pip --cert, npm config set cafile, " +
		"git -c http.sslCAInfo=...); pass credentials with RUN --mount=type=secret"
	verifySignatureHint = "remove it and import the repository's signing key instead " +
		"(apt: a key in /etc/apt/keyrings and signed-by=; apk: the key in /etc/apk/keys; " +
		"rpm: rpm --import KEY), so that packages are checked"
	verifyHostHint = "remove it; serve the index over https with a valid certificate, " +
		"or install the private CA (pip --cert, PIP_CERT); pass index credentials with " +
		"RUN --mount=type=secret"
	verifySumHint = "remove it; list private modules in GOPRIVATE (or GONOSUMDB) so that " +
		"only they skip the checksum database"
)

func (k verifyKind) hint() string {
	switch k {
	case verifySignature:
		return verifySignatureHint
	case verifyHost:
		return verifyHostHint
	case verifySum:
		return verifySumHint
	}
	return verifyTLSHint
}

func (k verifyKind) effect() string {
	switch k {
	case verifySignature:
		return "turns off package signature checks: a tampered package installs silently"
	case verifyHost:
		return "trusts a package host without TLS verification: anyone on the path can serve packages"
	case verifySum:
		return "turns off Go's checksum database: modules are not checked against it"
	}
	return "turns off TLS certificate checks: anyone on the network path can serve the download"
}

func checkVerificationDisabled(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, in := range p.MetaArgs {
		out = append(out, p.verifyVars(in, vars{})...)
	}
	for _, st := range p.UsedStages() {
		for i, in := range st.Instructions {
			out = append(out, p.verifyVars(in, p.StageEnv(st, i))...)
		}
	}
	for _, run := range securityRuns(p) {
		out = append(out, verifyRun(run)...)
	}
	return out, nil
}

// verifyVars reports the environment switches an ENV or ARG default sets.
func (p *Pass) verifyVars(in Instruction, env vars) []Finding {
	kw, vs := secretVarsOf(in)
	var out []Finding
	for _, v := range vs {
		value := v.raw
		if e, err := expand(p.lex, v.raw, env); err == nil {
			value = e.Value
		}
		kind, ok := verifyEnv(v.name, value, true)
		if !ok {
			continue
		}
		out = append(out, Finding{
			Severity: SeverityError,
			Location: nodeRange(in.Node),
			Message:  fmt.Sprintf("%s %s=%s %s", kw, v.name, value, kind.effect()),
			Fix:      kind.hint(),
		})
	}
	return out
}

// verifyEnv judges one environment variable. known is false when the
// value has expansions, and then only variables that act on being set at
// all are reported.
func verifyEnv(name, value string, known bool) (verifyKind, bool) {
	v := strings.ToLower(strings.TrimSpace(value))
	switch strings.ToUpper(name) {
	case "GIT_SSL_NO_VERIFY":
		// git turns verification off when the variable is set at all,
		// even to "" , 0 or false.
		return verifyTLS, true
	}
	if !known {
		return 0, false
	}
	switch strings.ToUpper(name) {
	case "PYTHONHTTPSVERIFY", "NODE_TLS_REJECT_UNAUTHORIZED":
		return verifyTLS, v == "0"
	case "PIP_TRUSTED_HOST", "UV_INSECURE_HOST":
		return verifyHost, v != ""
	case "NPM_CONFIG_STRICT_SSL", "YARN_ENABLE_STRICT_SSL", "YARN_STRICT_SSL":
		return verifyTLS, verifyFalse(v)
	case "GOSUMDB":
		return verifySum, v == "off"
	case "GOINSECURE":
		return verifyHost, v != ""
	case "GOFLAGS":
		return verifyHost, strings.Contains(v, "-insecure")
	}
	return 0, false
}

func verifyFalse(v string) bool {
	switch strings.ToLower(strings.Trim(v, `"' `)) {
	case "false", "0", "no", "off":
		return true
	}
	return false
}

func verifyTrue(v string) bool {
	switch strings.ToLower(strings.Trim(v, `"' `)) {
	case "true", "1", "yes", "on":
		return true
	}
	return false
}

// verifyRun reports the switches in a RUN's commands and in the variables
// it sets for them.
func verifyRun(run securityRun) []Finding {
	var out []Finding
	seen := map[string]bool{}
	add := func(what string, kind verifyKind) {
		if seen[what] {
			return
		}
		seen[what] = true
		out = append(out, Finding{
			Severity: SeverityError,
			Location: nodeRange(run.In.Node),
			Message:  fmt.Sprintf("%s %s", what, kind.effect()),
			Fix:      kind.hint(),
		})
	}
	for _, t := range run.Trees {
		syntax.Walk(t.File, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.CallExpr:
				verifyAssigns(n, add)
				if len(n.Args) > 0 {
					c := toCommand(n, false)
					verifyEnvWords(c, add)
					if what, kind, ok := verifyCommand(c.unwrap()); ok {
						add(what, kind)
					}
				}
			case *syntax.DeclClause:
				if n.Variant != nil && n.Variant.Value == "export" {
					for _, a := range n.Args {
						verifyAssign(a, add)
					}
				}
			}
			return true
		})
	}
	return out
}

// verifyAssigns reads the assignments in front of a command
// (NODE_TLS_REJECT_UNAUTHORIZED=0 node app.js); alone, without a command,
// they set a shell variable that no program sees.
func verifyAssigns(call *syntax.CallExpr, add func(string, verifyKind)) {
	if len(call.Args) == 0 {
		return
	}
	for _, a := range call.Assigns {
		verifyAssign(a, add)
	}
}

func verifyAssign(a *syntax.Assign, add func(string, verifyKind)) {
	if a.Name == nil {
		return
	}
	value, known := "", true
	if a.Value != nil {
		value, known = wordValue(a.Value)
	}
	kind, ok := verifyEnv(a.Name.Value, value, known)
	if !ok {
		return
	}
	if !known {
		var b strings.Builder
		if syntax.NewPrinter().Print(&b, a.Value) == nil {
			value = b.String()
		}
	}
	add(a.Name.Value+"="+value, kind)
}

// verifyEnvWords reads NAME=value words of env (also behind other
// wrappers, as in sudo env X=0 cmd) and of export as POSIX shells parse it.
func verifyEnvWords(c command, add func(string, verifyKind)) {
	check := func(words []string, lit []bool) {
		for i, a := range words {
			name, value, ok := strings.Cut(a, "=")
			if ok && lit[i] && !strings.HasPrefix(a, "-") {
				if kind, ok := verifyEnv(name, value, true); ok {
					add(a, kind)
				}
			}
		}
	}
	if c.name() == "export" {
		check(c.Args[1:], c.Lit[1:])
		return
	}
	for len(c.Args) > 0 && (wrappers[c.name()]) {
		end := min(c.wrapperEnd(), len(c.Args))
		if c.name() == "env" {
			check(c.Args[1:end], c.Lit[1:end])
		}
		c = command{Args: c.Args[end:], Lit: c.Lit[end:], Off: c.Off[end:], End: c.End[end:]}
	}
}
