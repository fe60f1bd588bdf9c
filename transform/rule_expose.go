package transform

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// ExposeSSH wants no image to expose port 22: containers are entered with
// exec, not through an SSH server inside them.
var ExposeSSH = &Rule{
	ID:      "ExposeSSH",
	Summary: "the image does not EXPOSE the SSH port 22",
	Default: ActionError,
	Check:   checkExposeSSH,
}

const sshPort = 22

const exposeSSHHint = "remove the SSH server and the EXPOSE of port 22; open a shell with " +
	"`docker exec -it <container> sh` or `kubectl exec -it <pod> -- sh`, and copy files " +
	"with `docker cp` or `kubectl cp`"

func checkExposeSSH(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, st := range p.UsedStages() {
		for i, in := range st.Instructions {
			ex, ok := in.Command.(*instructions.ExposeCommand)
			if !ok {
				continue
			}
			if f, ok := exposeFinding(p, st, i, ex); ok {
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// exposeFinding reports an EXPOSE with a port spec that covers port 22,
// after expanding variables as BuildKit does (one word may become several).
func exposeFinding(p *Pass, st *Stage, i int, ex *instructions.ExposeCommand) (Finding, bool) {
	env := p.StageEnv(st, i)
	for _, raw := range ex.Ports {
		specs, err := p.lex.ProcessWords(raw, env)
		if err != nil {
			continue
		}
		for _, spec := range specs {
			single, ok := coversSSH(spec)
			if !ok {
				if f, ok := unlistedPort(p, st.Instructions[i], raw, spec); ok {
					return f, true
				}
				continue
			}
			what := "EXPOSE " + spec
			if raw != spec {
				what = fmt.Sprintf("EXPOSE %s (%s)", raw, spec)
			}
			msg := what + " exposes the SSH port 22"
			if !single {
				msg = what + " exposes a port range that includes the SSH port 22"
			}
			return Finding{
				Severity: SeverityError,
				Location: nodeRange(st.Instructions[i].Node),
				Message:  msg + ": the image should not run an SSH server",
				Fix:      exposeSSHHint,
			}, true
		}
	}
	return Finding{}, false
}

// unlistedPort reports an exposed port that the policy's allowed ports do
// not cover.
func unlistedPort(p *Pass, in Instruction, raw, spec string) (Finding, bool) {
	if p.AllowedPorts == nil {
		return Finding{}, false
	}
	port, proto, lo, hi, ok := parsePorts(spec)
	if !ok {
		return Finding{}, false
	}
	for _, a := range p.AllowedPorts {
		_, aproto, alo, ahi, ok := parsePorts(a)
		if ok && alo <= lo && hi <= ahi && (aproto == "" || aproto == proto) {
			return Finding{}, false
		}
	}
	what := "EXPOSE " + spec
	if raw != spec {
		what = fmt.Sprintf("EXPOSE %s (%s)", raw, spec)
	}
	return Finding{
		Severity: SeverityError,
		Location: nodeRange(in.Node),
		Message:  fmt.Sprintf("%s exposes port %s, which the policy's allowed ports (%s) do not list", what, port, strings.Join(p.AllowedPorts, ", ")),
		Fix:      "expose only the ports the service needs, or ask the policy's owners to allow this one",
	}, true
}

// parsePorts reads an EXPOSE spec, [ip:][hostport:]port[-end][/proto], into
// its container ports and protocol ("tcp" when not given).
func parsePorts(spec string) (port, proto string, lo, hi int, ok bool) {
	if i := strings.LastIndex(spec, ":"); i >= 0 {
		spec = spec[i+1:]
	}
	port, proto, _ = strings.Cut(spec, "/")
	if proto == "" {
		proto = "tcp"
	}
	first, last, isRange := strings.Cut(port, "-")
	lo, err := strconv.Atoi(first)
	if err != nil {
		return "", "", 0, 0, false
	}
	hi = lo
	if isRange {
		if hi, err = strconv.Atoi(last); err != nil {
			return "", "", 0, 0, false
		}
	}
	return port, strings.ToLower(proto), lo, hi, true
}

// coversSSH reports whether an EXPOSE spec names container port 22, and
// whether it names it alone rather than in a range.
func coversSSH(spec string) (single, ok bool) {
	_, _, lo, hi, parsed := parsePorts(spec)
	return lo == hi, parsed && lo <= sshPort && sshPort <= hi
}
