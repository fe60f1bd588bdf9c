package cli

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// mixedResult checks dfMixed with the fake resolver and a build-arg-free
// build, and returns the result with paths relative to the file's folder.
func mixedResult(t *testing.T) *Result {
	t.Helper()
	res, err := checkOne(t, dfMixed, Config{Resolver: fakeResolver{}})
	if err != nil {
		t.Fatal(err)
	}
	res.Files[0].Path = "Dockerfile"
	return res
}

func TestTextFormat(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, mixedResult(t), false); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Dockerfile:1:6: UnpinnedBaseImage: fixable: FROM debian:12 names a tag",
		" 1 | FROM debian:12\n   |      ^^^^^^^^^\n   = change: pinned to debian:12@" + fakeDigest,
		"Dockerfile:2:38: AptLists: fixable: apt-get install without --no-install-recommends",
		"   |                                      ^\n",
		"Dockerfile:3:1: RootUser: error: stage 0 runs as root",
		" 3 | USER root\n   | ^^^^^^^^^\n   = fix: switch to a non-root user",
		"   = see: https://github.com/safe-dockerfile/safe-dockerfile/blob/main/docs/rules/RootUser.md",
		"1 error, 0 warnings, 3 fixable (1 file)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour without color set")
	}

	b.Reset()
	if err := WriteText(&b, mixedResult(t), true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), styleRed+"error:"+styleReset) {
		t.Errorf("no coloured outcome with color set:\n%q", b.String())
	}
}

func TestTextFormatOfAFailedFile(t *testing.T) {
	res, err := checkOne(t, dfBroken, Config{Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	res.Files[0].Path = "Dockerfile"
	var b bytes.Buffer
	if err := WriteText(&b, res, false); err != nil {
		t.Fatal(err)
	}
	if want := "Dockerfile:2: error: "; !strings.HasPrefix(b.String(), want) {
		t.Errorf("report does not start with %q:\n%s", want, b.String())
	}
	if !strings.Contains(b.String(), "(1 file, 1 failed)") {
		t.Errorf("summary does not count the failed file:\n%s", b.String())
	}
}

func TestJSONFormat(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, mixedResult(t)); err != nil {
		t.Fatal(err)
	}
	var rep JSONReport
	dec := json.NewDecoder(&b)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatal(err)
	}

	if rep.Version != "1" || rep.Command != "check" || rep.Tool.Name != "safe-dockerfile" {
		t.Errorf("header: %+v", rep)
	}
	if len(rep.Files) != 1 || rep.Files[0].Path != "Dockerfile" || len(rep.Files[0].Findings) != 4 {
		t.Fatalf("files: %+v", rep.Files)
	}
	pin := rep.Files[0].Findings[0]
	wantEdit := JSONEdit{Line: 1, Start: 5, End: 14, Text: "debian:12@" + fakeDigest}
	if pin.Rule != "UnpinnedBaseImage" || pin.Outcome != "fixable" || pin.Severity != "warning" ||
		pin.Line != 1 || pin.EndLine != 1 || len(pin.Edits) != 1 || pin.Edits[0] != wantEdit {
		t.Errorf("pin finding: %+v", pin)
	}
	if !strings.HasSuffix(pin.URL, "/docs/rules/UnpinnedBaseImage.md") || pin.Fix == "" || pin.Change == "" {
		t.Errorf("pin finding lacks url, fix or change: %+v", pin)
	}
	root := rep.Files[0].Findings[3]
	if root.Rule != "RootUser" || root.Outcome != "error" || len(root.Edits) != 0 || root.Edits == nil {
		t.Errorf("root finding: %+v", root)
	}
	want := JSONSummary{Files: 1, Errors: 1, Fixable: 3}
	if rep.Summary != want {
		t.Errorf("summary %+v, want %+v", rep.Summary, want)
	}
}

func TestJSONFormatOfAFailedFile(t *testing.T) {
	res, err := checkOne(t, dfBroken, Config{Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	rep := res.JSON()
	if rep.Files[0].Error == "" || rep.Files[0].Findings == nil || rep.Summary.Failed != 1 {
		t.Errorf("failed file: %+v, summary %+v", rep.Files[0], rep.Summary)
	}
}

func TestGitHubFormat(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGitHub(&b, mixedResult(t)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("want 4 annotations and a summary, got:\n%s", b.String())
	}
	for i, prefix := range []string{
		"::notice file=Dockerfile,line=1,endLine=1,title=UnpinnedBaseImage::FROM debian:12 names a tag",
		"::notice file=Dockerfile,line=2,endLine=2,title=AptLists::",
		"::notice file=Dockerfile,line=2,endLine=2,title=AptLists::",
		"::error file=Dockerfile,line=3,endLine=3,title=RootUser::stage 0 runs as root",
	} {
		if !strings.HasPrefix(lines[i], prefix) {
			t.Errorf("line %d is %q, want it to start with %q", i+1, lines[i], prefix)
		}
	}
	if !strings.Contains(lines[3], "%0Afix: switch to a non-root user") {
		t.Errorf("the fix is not on an escaped line of its own: %q", lines[3])
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got := escapeData("50% done\r\nnext"); got != "50%25 done%0D%0Anext" {
		t.Errorf("escapeData: %q", got)
	}
	if got := escapeProperty("a:b,c%"); got != "a%3Ab%2Cc%25" {
		t.Errorf("escapeProperty: %q", got)
	}
}

func TestFormatsAgreeOnAFailedFile(t *testing.T) {
	res, err := checkOne(t, dfBroken, Config{Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Formats {
		var b bytes.Buffer
		if err := Write(&b, res, f, false); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !strings.Contains(b.String(), "FROBNICATE") && !strings.Contains(b.String(), "frobnicate") {
			t.Errorf("%s output does not carry the parse error:\n%s", f, b.String())
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		if got, err := ParseFormat(strings.ToUpper(string(f))); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
}

func TestArtifactURI(t *testing.T) {
	for in, want := range map[string]string{
		"Dockerfile":                            "Dockerfile",
		"./app/Dockerfile":                      "app/Dockerfile",
		"my app/Dockerfile":                     "my%20app/Dockerfile",
		filepath.FromSlash("/abs/x/Dockerfile"): "file:///abs/x/Dockerfile",
	} {
		if got := artifactURI(in); got != want {
			t.Errorf("artifactURI(%q) = %q, want %q", in, got, want)
		}
	}
}
