package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the tests run this binary's main as a child process, to
// see its real exit codes and output.
func TestMain(m *testing.M) {
	if os.Getenv("SAFE_DOCKERFILE_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

type ran struct {
	stdout, stderr string
	code           int
}

func runMain(t *testing.T, dir string, args ...string) ran {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SAFE_DOCKERFILE_TEST_MAIN=1", "BUILDX_GIT_INFO=false", "NO_COLOR=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return ran{out.String(), errb.String(), code}
}

func TestCommands(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"bad/Dockerfile":   "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nUSER root\n",
		"clean/Dockerfile": "FROM scratch\nUSER 10001\n",
		"empty/README":     "",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"no command", nil, 2, "", "usage: safe-dockerfile COMMAND"},
		{"help", []string{"help"}, 0, "Exit codes:", ""},
		{"unknown command", []string{"lint"}, 2, "", `unknown command "lint"`},
		{"version", []string{"version"}, 0, "safe-dockerfile ", ""},
		{"rules", []string{"rules"}, 0, "RootUser", ""},
		{"explain", []string{"explain", "RootUser"}, 0, "# RootUser", ""},
		{"explain unknown", []string{"explain", "Nope"}, 2, "", `unknown rule "Nope"`},
		{"explain without a rule", []string{"explain"}, 2, "", "usage: safe-dockerfile explain RULE"},
		{"check help", []string{"check", "-h"}, 0, "-build-arg", ""},
		{"rules help", []string{"rules", "-h"}, 0, "usage: safe-dockerfile rules", ""},
		{"explain help", []string{"explain", "--help"}, 0, "usage: safe-dockerfile explain RULE", ""},
		{"missing context", []string{"check", "--offline", "--context", "nowhere", "clean"}, 2, "",
			"--context nowhere: no such folder"},
		{"clean", []string{"check", "--offline", "clean"}, 0, "0 errors", ""},
		{"findings", []string{"check", "--offline", "bad"}, 1, "RootUser: error:", ""},
		{"flags after paths", []string{"check", "bad", "--offline", "--format", "github"}, 1,
			"::error file=bad/Dockerfile,line=3", ""},
		{"paths after --", []string{"check", "--offline", "--", "clean"}, 0, "(1 file)", ""},
		{"unknown flag", []string{"check", "--bogus"}, 2, "", "flag provided but not defined: -bogus"},
		{"bad format", []string{"check", "--format", "xml", "clean"}, 2, "", `unknown --format "xml"`},
		{"bad platform", []string{"check", "--platform", "not/a/platform/x", "clean"}, 2, "", "invalid --platform"},
		{"bad build arg", []string{"check", "--build-arg", "=1", "clean"}, 2, "", "invalid --build-arg"},
		{"missing path", []string{"check", "--offline", "nowhere"}, 2, "", "nowhere: no such file or folder"},
		{"no Dockerfile", []string{"check", "--offline", "empty"}, 2, "", "no Dockerfile found in empty"},
		{"unknown target", []string{"check", "--offline", "--target", "x", "clean"}, 2,
			`target stage "x" could not be found`, ""},
		{"diff with a format", []string{"fix", "--diff", "--format", "json", "bad"}, 2, "", "--diff prints a diff"},
		{"diff", []string{"fix", "--offline", "--diff", "bad"}, 1, "+++ bad/Dockerfile", "RootUser: error:"},
		{"diff flag on check", []string{"check", "--diff", "bad"}, 2, "", "flag provided but not defined: -diff"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runMain(t, dir, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stdout, tc.stdout) || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
		})
	}
}

func TestCheckJSONToStdout(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("FROM debian:latest\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runMain(t, dir, "check", "--offline", "--format=json", ".")
	var rep struct {
		Version string `json:"version"`
		Files   []struct {
			Path string `json:"path"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if r.code != 1 || rep.Version != "1" || len(rep.Files) != 1 || rep.Files[0].Path != "Dockerfile" {
		t.Errorf("exit %d, report %+v", r.code, rep)
	}
}

func TestFixWritesAndExits(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	df := "FROM scratch\nCOPY app /app\nUSER 10001\nRUN apt-get update && apt-get install -y curl\n"
	if err := os.WriteFile(p, []byte(df), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runMain(t, dir, "fix", "--offline")
	dt, _ := os.ReadFile(p)
	if !strings.Contains(string(dt), "--no-install-recommends") || !strings.Contains(r.stdout, "wrote Dockerfile") {
		t.Errorf("exit %d, file:\n%s\nstdout:\n%s\nstderr:\n%s", r.code, dt, r.stdout, r.stderr)
	}
}

func TestPolicyValidate(t *testing.T) {
	dir := t.TempDir()
	good := "apiVersion: safe-dockerfile/v1\nkind: Policy\nmetadata: {name: acme, version: \"3\"}\nrules:\n  RootUser: error\n"
	bad := "apiVersion: safe-dockerfile/v1\nkind: Policy\nrules:\n  NoSuchRule: fix\n"
	for name, body := range map[string]string{"good.yaml": good, "bad.yaml": bad} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := runMain(t, dir, "policy", "validate", "good.yaml")
	if r.code != 0 || !strings.Contains(r.stdout, "good.yaml: valid: acme 3, sha256:") {
		t.Errorf("good policy: code %d, %q %q", r.code, r.stdout, r.stderr)
	}
	r = runMain(t, dir, "policy", "validate", "good.yaml", "bad.yaml")
	if r.code != 1 || !strings.Contains(r.stderr, `bad.yaml:4: unknown rule "NoSuchRule"`) {
		t.Errorf("bad policy: code %d, %q %q", r.code, r.stdout, r.stderr)
	}
	if r := runMain(t, dir, "policy", "check"); r.code != 2 {
		t.Errorf("unknown subcommand: code %d", r.code)
	}
}
