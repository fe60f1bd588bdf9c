package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fixTree is a project whose Dockerfiles have fixes far apart, side by
// side, on the last line without a newline, in CRLF lines, and none.
var fixTree = map[string]string{
	"Dockerfile": dfMixed,
	"svc/api.Dockerfile": "FROM debian:12 AS build\n" +
		"RUN echo one\nRUN echo two\nRUN echo three\nRUN echo four\n" +
		"RUN echo five\nRUN echo six\nRUN echo seven\nRUN echo eight\n" +
		"FROM build\nRUN apt-get update && apt-get install -y curl\nUSER 10001\n",
	"svc/Dockerfile.nonl": "FROM debian:12\nUSER 10001\nRUN apt-get update && apt-get install -y git",
	"clean/Dockerfile":    dfClean,
	"win/Dockerfile":      strings.ReplaceAll(dfFixable, "\n", "\r\n"),
}

func TestFixDiffAppliesWithPatch(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("no patch command")
	}
	dir := t.TempDir()
	writeFiles(t, dir, fixTree)
	t.Chdir(dir)

	cfg := Config{Paths: []string{"."}, Resolver: fakeResolver{}, rules: coreRules(t), LookupEnv: noGit}
	res, err := Fix(context.Background(), cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	var diff bytes.Buffer
	if err := WriteDiff(&diff, res, dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if f.Written {
			t.Errorf("--diff wrote %s", f.Path)
		}
	}
	if strings.Contains(diff.String(), "clean/Dockerfile") {
		t.Errorf("diff shows a file with nothing to fix:\n%s", diff.String())
	}
	if !strings.Contains(diff.String(), "\\ No newline at end of file") {
		t.Errorf("diff does not mark the missing newline:\n%s", diff.String())
	}

	cmd := exec.Command(patch, "-p0", "--batch", "--no-backup-if-mismatch")
	cmd.Stdin = bytes.NewReader(diff.Bytes())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch -p0: %v\n%s\ndiff:\n%s", err, out, diff.String())
	}

	for _, f := range res.Files {
		got, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, f.Report.Output) {
			t.Errorf("%s after patch:\n%s\nwant:\n%s", f.Path, got, f.Report.Output)
		}
	}

	// The patched tree has nothing left to fix.
	again, err := Fix(context.Background(), cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	diff.Reset()
	if err := WriteDiff(&diff, again, dir); err != nil || diff.Len() != 0 {
		t.Errorf("second diff (err %v):\n%s", err, diff.String())
	}
}

func TestDiffHunks(t *testing.T) {
	old := "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11\nl12\n"
	new := strings.Replace(strings.Replace(old, "l2\n", "L2\n", 1), "l11\n", "L11\n", 1)
	var b bytes.Buffer
	unifiedDiff(&b, "f", []byte(old), []byte(new))
	want := "--- f\n+++ f\n" +
		"@@ -1,5 +1,5 @@\n l1\n-l2\n+L2\n l3\n l4\n l5\n" +
		"@@ -8,5 +8,5 @@\n l8\n l9\n l10\n-l11\n+L11\n l12\n"
	if b.String() != want {
		t.Errorf("diff:\n%s\nwant:\n%s", b.String(), want)
	}

	b.Reset()
	near := strings.Replace(strings.Replace(old, "l4\n", "L4\n", 1), "l9\n", "L9\n", 1)
	unifiedDiff(&b, "f", []byte(old), []byte(near))
	if n := strings.Count(b.String(), "@@ -"); n != 1 {
		t.Errorf("changes 5 lines apart make %d hunks, want 1:\n%s", n, b.String())
	}
}

func TestDiffNameIsRelative(t *testing.T) {
	cwd := filepath.FromSlash("/work/proj")
	if got := diffName(filepath.FromSlash("/work/proj/app/Dockerfile"), cwd); got != "app/Dockerfile" {
		t.Errorf("diffName = %q", got)
	}
	if got := diffName(filepath.FromSlash("/elsewhere/Dockerfile"), cwd); got != "/elsewhere/Dockerfile" {
		t.Errorf("diffName outside cwd = %q", got)
	}
}

func TestFixWritesInPlace(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, fixTree)
	script := filepath.Join(dir, "svc", "Dockerfile.nonl")
	if err := os.Chmod(script, 0o600); err != nil {
		t.Fatal(err)
	}

	cfg := Config{Paths: []string{dir}, Resolver: fakeResolver{}, rules: coreRules(t), LookupEnv: noGit}
	res, err := Fix(context.Background(), cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	written := map[string]bool{}
	for _, f := range res.Files {
		rel, _ := filepath.Rel(dir, f.Path)
		written[filepath.ToSlash(rel)] = f.Written
		got, _ := os.ReadFile(f.Path)
		if !bytes.Equal(got, f.Report.Output) {
			t.Errorf("%s holds:\n%s\nwant:\n%s", rel, got, f.Report.Output)
		}
	}
	if !written["Dockerfile"] || !written["svc/api.Dockerfile"] || !written["win/Dockerfile"] ||
		written["clean/Dockerfile"] {
		t.Errorf("written: %v", written)
	}
	if fi, err := os.Stat(script); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode of the fixed file: %v, %v", fi.Mode(), err)
	}
	if got := ExitCode(res, nil); got != ExitFindings {
		t.Errorf("exit code %d: the RootUser error is left", got)
	}
	s := res.Summary()
	if s.Fixed == 0 || s.Fixable != 0 || s.Rewritten != 4 || s.Errors != 1 {
		t.Errorf("summary %+v", s)
	}

	var b bytes.Buffer
	if err := WriteText(&b, res, false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), ": AptLists: fixed: ") || !strings.Contains(b.String(), "wrote ") {
		t.Errorf("text report of a fix:\n%s", b.String())
	}
}
