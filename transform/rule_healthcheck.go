package transform

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// MissingHealthcheck wants an image that runs a service to say how to tell
// whether the service works.
var MissingHealthcheck = &Rule{
	ID:      "MissingHealthcheck",
	Summary: "an image that runs a service declares a HEALTHCHECK",
	Default: ActionWarn,
	Check:   checkMissingHealthcheck,
}

const healthcheckHint = "add a HEALTHCHECK that probes the service, e.g. " +
	"`HEALTHCHECK --interval=30s --timeout=3s " +
	"CMD wget -qO- http://127.0.0.1:8080/healthz || exit 1` " +
	"(without a shell or wget, let the program check itself: " +
	"`HEALTHCHECK CMD [\"/app\", \"healthcheck\"]`), or write `HEALTHCHECK NONE` when the " +
	"orchestrator checks health"

// serviceSign is what makes the shipped stage look like a long-lived service.
type serviceSign struct {
	in   Instruction
	what string
}

func checkMissingHealthcheck(_ context.Context, p *Pass) ([]Finding, error) {
	sign, decided := serviceSignOf(p)
	if decided || sign == nil {
		return nil, nil
	}
	return []Finding{{
		Severity: SeverityWarning,
		Location: nodeRange(sign.in.Node),
		Message: fmt.Sprintf("%s has no HEALTHCHECK, but %s", stageLabel(p.Target), sign.what) +
			": nothing tells a stuck service from a working one",
		Fix: healthcheckHint,
	}}, nil
}

// serviceSignOf walks the target stage and the stages it inherits from,
// last instruction first. It reports whether a HEALTHCHECK (NONE included)
// decides the matter, else the sign that the image runs a service: its
// CMD or ENTRYPOINT starting a server, or else its first EXPOSE.
func serviceSignOf(p *Pass) (*serviceSign, bool) {
	var expose, program *serviceSign
	seenCmd, seenEntry := false, false
	for _, st := range runtimeChain(p, p.Target) {
		entryHere := false
		for i := len(st.Instructions) - 1; i >= 0; i-- {
			in := st.Instructions[i]
			switch c := in.Command.(type) {
			case *instructions.HealthCheckCommand:
				return nil, true
			case *instructions.ExposeCommand:
				expose = &serviceSign{in, "it exposes " + strings.Join(exposedPorts(p, st, i, c), " ")}
			case *instructions.CmdCommand:
				if !seenCmd && program == nil {
					program = serverSign(p, st, i, "CMD", c.ShellDependantCmdLine)
				}
				seenCmd = true
			case *instructions.EntrypointCommand:
				if !seenEntry && program == nil {
					program = serverSign(p, st, i, "ENTRYPOINT", c.ShellDependantCmdLine)
				}
				seenEntry = true
				entryHere = true
			}
		}
		// An ENTRYPOINT drops the CMD the stage inherited, as BuildKit
		// does when the stage sets no CMD of its own.
		if entryHere {
			seenCmd = true
		}
	}
	if program != nil {
		return program, false
	}
	return expose, false
}

// exposedPorts expands an EXPOSE's ports as BuildKit does; a word that does
// not expand is kept as written.
func exposedPorts(p *Pass, st *Stage, i int, c *instructions.ExposeCommand) []string {
	env := p.StageEnv(st, i)
	var out []string
	for _, raw := range c.Ports {
		words, err := p.lex.ProcessWords(raw, env)
		if err != nil || len(words) == 0 {
			words = []string{raw}
		}
		out = append(out, words...)
	}
	return out
}

// serverSign reports a CMD or ENTRYPOINT whose commands start a server.
func serverSign(p *Pass, st *Stage, i int, kw string,
	cl instructions.ShellDependantCmdLine) *serviceSign {
	for _, c := range runtimeProgram(p, st, i, cl) {
		if name, ok := serverProgram(c.unwrap()); ok {
			return &serviceSign{st.Instructions[i], kw + " starts the server " + name}
		}
	}
	return nil
}

// runtimeServers are programs that run as long-lived network services.
var runtimeServers = map[string]bool{
	"nginx": true, "httpd": true, "apache2": true, "apache2-foreground": true,
	"apachectl": true, "lighttpd": true, "caddy": true, "traefik": true,
	"haproxy": true, "envoy": true, "gunicorn": true, "uvicorn": true,
	"hypercorn": true, "daphne": true, "waitress-serve": true, "uwsgi": true,
	"puma": true, "unicorn": true, "thin": true, "passenger": true,
	"redis-server": true, "postgres": true, "mysqld": true, "mariadbd": true,
	"mongod": true, "memcached": true, "rabbitmq-server": true,
	"catalina.sh": true, "http-server": true, "serve": true, "pm2-runtime": true,
	"http.server": true, "sshd": true,
}

// serverProgram reports whether c starts a server, and names it.
func serverProgram(c command) (string, bool) {
	name := c.name()
	args := c.Args[min(1, len(c.Args)):]
	switch {
	case runtimeServers[name]:
		return name, true
	case strings.HasPrefix(name, "php-fpm"):
		return name, true
	case strings.HasPrefix(name, "python") && len(args) > 1 && args[0] == "-m":
		if runtimeServers[args[1]] || args[1] == "flask" && runtimeOperand(args[2:]) == "run" {
			return name + " -m " + args[1], true
		}
	case name == "node" || name == "nodejs" || name == "bun" || name == "deno":
		if script := runtimeOperand(args); isServerScript(script) {
			return name + " " + script, true
		}
	case name == "java":
		if runtimeIndex(args, "-jar") >= 0 {
			return "java -jar", true
		}
	case name == "npm" || name == "yarn" || name == "pnpm":
		verb := runtimeOperand(args)
		if verb == "run" {
			verb = runtimeOperand(args[runtimeIndex(args, "run")+1:])
		}
		if verb == "start" {
			return name + " start", true
		}
	case name == "fastapi":
		if v := runtimeOperand(args); v == "run" || v == "dev" {
			return "fastapi " + v, true
		}
	case name == "flask":
		if runtimeIndex(args, "run") >= 0 {
			return "flask run", true
		}
	case name == "rails":
		if v := runtimeOperand(args); v == "server" || v == "s" {
			return "rails server", true
		}
	case name == "php":
		if len(args) >= 2 && path.Base(args[0]) == "artisan" && args[1] == "serve" {
			return "php artisan serve", true
		}
	}
	if strings.HasPrefix(name, "python") && len(args) >= 2 && path.Base(args[0]) == "manage.py" &&
		args[1] == "runserver" {
		return "manage.py runserver", true
	}
	return "", false
}

// isServerScript reports whether a script's name says it runs the server.
func isServerScript(script string) bool {
	base := strings.TrimSuffix(path.Base(script), path.Ext(script))
	return strings.Contains(strings.ToLower(base), "server")
}

// runtimeOperand returns the first argument that is not an option.
func runtimeOperand(args []string) string {
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			return a
		}
	}
	return ""
}

func runtimeIndex(args []string, s string) int {
	for i, a := range args {
		if a == s {
			return i
		}
	}
	return -1
}
