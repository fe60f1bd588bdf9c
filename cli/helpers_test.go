package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// sharedDir is the team's shared material, beside the repository.
const sharedDir = "../../shared"

// fakeDigest is what fakeResolver pins every image to.
const fakeDigest = "sha256:1111111111111111111111111111111111111111111111111111111111111111"

// fakeResolver answers for every image but those named "missing": each
// resolves to fakeDigest and runs as root.
type fakeResolver struct{}

func (fakeResolver) ResolveImage(_ context.Context, ref string, _ *ocispecs.Platform) (*transform.Image, error) {
	if strings.Contains(ref, "missing") {
		return nil, errors.New("manifest unknown")
	}
	return &transform.Image{Digest: digest.Digest(fakeDigest)}, nil
}

// failingResolver fails the test if anything asks it about an image.
type failingResolver struct{ t *testing.T }

func (f failingResolver) ResolveImage(_ context.Context, ref string, _ *ocispecs.Platform) (*transform.Image, error) {
	f.t.Errorf("asked the resolver about %s", ref)
	return nil, errors.New("no resolver here")
}

// writeFiles writes files, by slash-separated path, under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// someRules returns the rules with the given IDs, so that a test's
// findings do not change as rules are added.
func someRules(t *testing.T, ids ...string) []*transform.Rule {
	t.Helper()
	var out []*transform.Rule
	for _, id := range ids {
		r, ok := transform.Lookup(id)
		if !ok {
			t.Fatalf("no rule %s", id)
		}
		out = append(out, r)
	}
	return out
}

// coreRules are the rules the CLI's tests exercise.
func coreRules(t *testing.T) []*transform.Rule {
	return someRules(t, "UnpinnedBaseImage", "RootUser", "AptLists")
}

// noGit is a LookupEnv that turns buildx's git information off, so that
// findings do not depend on where the test's files lie.
func noGit(key string) (string, bool) {
	if key == "BUILDX_GIT_INFO" {
		return "false", true
	}
	return "", false
}

// The Dockerfiles the tests check, by what they hold under coreRules.
const (
	// dfMixed has a fixable unpinned FROM, two fixable apt findings and a
	// RootUser error that no fix covers.
	dfMixed = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nUSER root\n"
	// dfFixable has only fixable findings (with a resolver).
	dfFixable = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nUSER 10001\n"
	// dfClean has no finding.
	dfClean = "FROM debian:12@" + fakeDigest + "\nUSER 10001\n"
	// dfLatest floats on latest: an error when it cannot be pinned.
	dfLatest = "FROM debian:latest\nUSER 10001\n"
	// dfBroken does not parse.
	dfBroken = "FROM debian:12\nFROBNICATE x\n"
	// dfMissing names an image the resolver does not know.
	dfMissing = "FROM example.com/missing:1\nUSER 10001\n"
)

// checkOne checks one Dockerfile with content df under coreRules.
func checkOne(t *testing.T, df string, cfg Config) (*Result, error) {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"Dockerfile": df})
	cfg.Paths = []string{filepath.Join(dir, "Dockerfile")}
	if cfg.rules == nil {
		cfg.rules = coreRules(t)
	}
	if cfg.LookupEnv == nil {
		cfg.LookupEnv = noGit
	}
	return Check(context.Background(), cfg)
}
