package transform

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// DockerSocket reports the Docker daemon's socket declared as a volume,
// mounted into a RUN, or named by DOCKER_HOST: whoever holds that socket
// controls the daemon, and through it the host.
var DockerSocket = &Rule{
	ID:      "DockerSocket",
	Summary: "the Docker socket is not declared, mounted or pointed at",
	Default: ActionError,
	Check:   checkDockerSocket,
}

const dockerSocketWhy = "whoever can use the Docker socket can start a privileged " +
	"container and so is root on the host"

func checkDockerSocket(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, st := range p.UsedStages() {
		for i, in := range st.Instructions {
			if msg, fix, ok := socketUse(p, st, i); ok {
				out = append(out, Finding{
					Severity: SeverityError,
					Location: nodeRange(in.Node),
					Message:  msg + ": " + dockerSocketWhy,
					Fix:      fix,
				})
			}
		}
	}
	return out, nil
}

// socketUse describes how instruction i of st uses the Docker socket.
func socketUse(p *Pass, st *Stage, i int) (msg, fix string, ok bool) {
	switch c := st.Instructions[i].Command.(type) {
	case *instructions.VolumeCommand:
		env := p.StageEnv(st, i)
		for _, v := range c.Volumes {
			if e, err := expand(p.lex, v, env); err == nil && runtimeIsDockerSocket(e.Value) {
				return "VOLUME " + e.Value + " declares the Docker socket as a volume",
					"remove the socket from VOLUME; a container that needs the daemon should be " +
						"given a narrower API (a socket proxy that allows only what it needs)", true
			}
		}
	case *instructions.RunCommand:
		for _, m := range instructions.GetMounts(c) {
			if m.Type != instructions.MountTypeBind && m.Type != instructions.MountTypeSSH {
				continue
			}
			for _, at := range []string{m.Target, m.Source} {
				if runtimeIsDockerSocket(at) {
					return fmt.Sprintf("RUN --mount=type=%s puts the Docker socket %s in the "+
							"build step", m.Type, at),
						"build images with BuildKit itself (multi-stage builds, COPY --from) " +
							"instead of driving a Docker daemon from a RUN", true
				}
			}
		}
	case *instructions.EnvCommand:
		env := p.StageEnv(st, i)
		for _, kv := range c.Env {
			if kv.Key != "DOCKER_HOST" {
				continue
			}
			if e, err := expand(p.lex, kv.Value, env); err == nil && runtimeIsDockerSocket(e.Value) {
				return "ENV DOCKER_HOST=" + e.Value + " makes Docker clients in the image use " +
						"the Docker socket",
					"remove DOCKER_HOST from the image; set it at run time, where the operator " +
						"decides whether the container may reach a daemon", true
			}
		}
	}
	return "", "", false
}

// runtimeIsDockerSocket reports whether p, a path or a unix:// address, names a
// Docker daemon socket: /var/run/docker.sock, /run/docker.sock, or a
// rootless daemon's $XDG_RUNTIME_DIR/docker.sock.
func runtimeIsDockerSocket(p string) bool {
	p = strings.TrimPrefix(strings.TrimSpace(p), "unix://")
	return p != "" && path.Base(path.Clean(p)) == "docker.sock"
}
