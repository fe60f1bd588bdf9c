package tests

import (
	"strings"
	"testing"
)

// The rule families of the full rule set, each through the real frontend
// with one rejection, one fix and one warning.

func TestPackageRules(t *testing.T) {
	needBuildKit(t)
	rejected := run(t, buildx, build{Dockerfile: `
FROM 127.0.0.1:5000/busybox:1.35
RUN apk update
USER 10001
`})
	rejected.mustFail(t, "Dockerfile:3: IndexUpdateAlone")

	// pip is a shell function here, so the build shows the arguments the
	// rewritten RUN really passed.
	out := t.TempDir()
	fixed := run(t, buildx, build{Dockerfile: `
FROM 127.0.0.1:5000/debian:bookworm
RUN pip() { echo "$@" > /pip-args; }; pip install flask
RUN apt list --installed > /dev/null
USER 10001
`, Local: out})
	fixed.mustSucceed(t)
	fixed.mustSay(t, "PackageCache: fixed:", "AptGetInScripts:")
	if got := readFile(t, out, "pip-args"); got != "install --no-cache-dir flask\n" {
		t.Errorf("pip ran with %q, want the --no-cache-dir the fix adds", got)
	}
}

func TestSecurityRules(t *testing.T) {
	needBuildKit(t)
	rejected := run(t, buildx, build{Dockerfile: `
FROM 127.0.0.1:5000/busybox:1.35
ENV GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789
USER 10001
`})
	rejected.mustFail(t, "Dockerfile:3: SecretInEnvOrArg")
	// buildx shows the user's own line as the snippet; our message must
	// not repeat the value.
	for _, line := range strings.Split(rejected.Out, "\n") {
		if strings.Contains(line, "abcdefghijklmnop") && !strings.Contains(line, "| ") {
			t.Errorf("the message prints the secret: %s", line)
		}
	}

	warned := run(t, buildx, build{Dockerfile: `
FROM 127.0.0.1:5000/busybox:1.35
RUN wget -qO- http://127.0.0.1:5000/v2/ | sh || true
USER 10001
`})
	warned.mustSucceed(t)
	warned.mustSay(t, "RemoteScriptPipe:")

	// With the fix, a failing left side of a pipe fails the RUN.
	fixed := run(t, buildx, build{Dockerfile: `
FROM 127.0.0.1:5000/debian:bookworm
SHELL ["/bin/bash", "-c"]
RUN (exit 3) | cat
USER 10001
`})
	fixed.mustFail(t, "Pipefail: fixed:", "exit code: 3")
}

func TestRuntimeRules(t *testing.T) {
	needBuildKit(t)
	rejected := run(t, buildx, build{Dockerfile: `
FROM 127.0.0.1:5000/busybox:1.35
EXPOSE 8080 22/tcp
USER 10001
`})
	rejected.mustFail(t, "Dockerfile:3: ExposeSSH")

	warned := run(t, buildx, build{Dockerfile: `
FROM 127.0.0.1:5000/busybox:1.35
EXPOSE 8080
USER 10001
CMD ["httpd", "-f", "-p", "8080"]
`})
	warned.mustSucceed(t)
	warned.mustSay(t, "MissingHealthcheck:")
}
