package tests

import (
	"os/exec"
	"strings"
	"testing"
)

// orgPolicy is the organisation policy baked into the test's own
// organisation frontend. RootUser may not be loosened; an exception that
// has expired and one that has not cover two USER lines.
const orgPolicy = `apiVersion: safe-dockerfile/v1
kind: Policy
metadata: {name: e2e-org, version: "7"}
rules:
  RootUser: error
  MissingHealthcheck: {action: warn, relax: true}
requiredLabels: [org.opencontainers.image.source]
trustedRegistries: ["127.0.0.1:5000"]
exceptions:
  - rule: RootUser
    match: '^USER 0$'
    reason: the old agent, until TICKET-1
    expires: 2020-01-31
  - rule: RootUser
    match: '^USER root:0$'
    reason: the new agent needs root, TICKET-2
    expires: 2099-12-31
`

// buildOrgImage bakes orgPolicy into an organisation frontend image, the
// way make org-image does, and returns its name.
func buildOrgImage(t *testing.T) string {
	t.Helper()
	name := registry + "/e2e/org-frontend:1"
	dir := t.TempDir()
	write(t, dir, "Dockerfile", "FROM "+frontendImage+"\nCOPY policy.yaml /etc/safe-dockerfile/policy.yaml\n")
	write(t, dir, "policy.yaml", orgPolicy)
	out, err := exec.Command("buildctl", "build", "--frontend", "dockerfile.v0",
		"--local", "context="+dir, "--local", "dockerfile="+dir,
		"--output", "type=image,push=true,name="+name).CombinedOutput()
	if err != nil {
		t.Fatalf("build the organisation frontend: %v\n%s", err, out)
	}
	return name
}

func TestPolicy(t *testing.T) {
	needBuildKit(t)
	org := buildOrgImage(t)
	rootDockerfile := `
FROM 127.0.0.1:5000/busybox:1.35
USER root
`
	t.Run("repository file cannot loosen the organisation", func(t *testing.T) {
		r := run(t, buildx, build{Frontend: org, Dockerfile: rootDockerfile,
			Files: map[string]string{".safe-dockerfile.yaml": "apiVersion: safe-dockerfile/v1\nkind: Policy\nrules:\n  RootUser: warn\n"}})
		r.mustFail(t, ".safe-dockerfile.yaml:4", "may not loosen RootUser from error to warn")
	})
	t.Run("build argument cannot loosen the organisation", func(t *testing.T) {
		r := run(t, buildx, build{Frontend: org, Dockerfile: rootDockerfile,
			Args: map[string]string{"SAFE_DOCKERFILE_RULES": "RootUser=off"}})
		r.mustFail(t, "may not loosen RootUser")
	})
	t.Run("repository file can tighten", func(t *testing.T) {
		r := run(t, buildx, build{Frontend: org, Dockerfile: `
FROM 127.0.0.1:5000/nonroot:1
EXPOSE 8080
CMD ["httpd", "-f", "-p", "8080"]
`, Files: map[string]string{".safe-dockerfile.yaml": "apiVersion: safe-dockerfile/v1\nkind: Policy\nrules:\n  MissingHealthcheck: error\n"}})
		r.mustFail(t, "MissingHealthcheck")
	})
	t.Run("expired exception stops applying and says so", func(t *testing.T) {
		r := run(t, buildx, build{Frontend: org, Dockerfile: `
FROM 127.0.0.1:5000/busybox:1.35
USER 0
`})
		r.mustFail(t, "Dockerfile:3: RootUser", "expired")
	})
	t.Run("exception applies and the build says which", func(t *testing.T) {
		r := run(t, buildx, build{Frontend: org, Dockerfile: `
FROM 127.0.0.1:5000/busybox:1.35
USER root:0
`})
		r.mustSucceed(t)
		r.mustSay(t, "RootUser: excepted:", "TICKET-2")
	})
	t.Run("check names the policy", func(t *testing.T) {
		r := run(t, buildx, build{Frontend: org, Dockerfile: `
FROM 127.0.0.1:5000/nonroot:1
`, Extra: []string{"--check"}})
		r.mustSay(t, "WARNING: Policy", "e2e-org", "sha256:")
	})
	t.Run("required label is fixed from the VCS source", func(t *testing.T) {
		name := "e2e/labelled"
		r := run(t, buildctl, build{Frontend: org, Dockerfile: `
FROM 127.0.0.1:5000/nonroot:1
LABEL org.opencontainers.image.title="e2e"
`, Push: name + ":1", Extra: []string{"--opt", "vcs:source=https://example.invalid/e2e.git"}})
		r.mustSucceed(t)
		labels := imageConfig(t, name, "1").Config.Labels
		if got := labels["org.opencontainers.image.source"]; got != "https://example.invalid/e2e.git" {
			t.Errorf("source label = %q, want the VCS source; labels %v", got, labels)
		}
		if !strings.Contains(labels["org.opencontainers.image.title"], "e2e") {
			t.Errorf("the existing label was lost: %v", labels)
		}
	})
}

// TestCheckSkipDoesNotSkipOurs: BuildKit's switches for its own checks
// tune those checks only.
func TestCheckSkipDoesNotSkipOurs(t *testing.T) {
	needBuildKit(t)
	root := "FROM 127.0.0.1:5000/busybox:1.35\nRUN true\n"
	for _, tl := range tools {
		t.Run(string(tl), func(t *testing.T) {
			run(t, tl, build{Dockerfile: root, Args: map[string]string{"BUILDKIT_DOCKERFILE_CHECK": "skip=all"}}).
				mustFail(t, "RootUser")
			run(t, tl, build{Dockerfile: "# check=skip=all\n" + root}).mustFail(t, "RootUser")
		})
	}
}
