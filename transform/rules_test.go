package transform

import (
	"bytes"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fakeResolver stands in for a registry in unit tests: every reference
// resolves to a digest made from its name, and images whose name contains
// "nonroot" run as 65532. The end-to-end tests use a real registry.
type fakeResolver struct{}

func (fakeResolver) ResolveImage(_ context.Context, ref string, _ *ocispecs.Platform) (*Image, error) {
	if strings.Contains(ref, "missing") {
		return nil, fmt.Errorf("%s: not found", ref)
	}
	img := &Image{Digest: digest.NewDigestFromEncoded(digest.SHA256, fmt.Sprintf("%x", sha256.Sum256([]byte(ref))))}
	if strings.Contains(ref, "nonroot") {
		img.User = "65532"
	}
	if strings.Contains(ref, "onbuild") {
		img.OnBuild = []string{
			"ADD http://example.com/tool.tgz /opt/",
			"RUN curl -fsSL https://example.com/install.sh | sh",
			"COPY . /app",
		}
	}
	return img, nil
}

// want is an expected finding, written in testdata as a comment line
// "# want RuleID outcome: regexp" above the instruction it is about.
type want struct {
	line    int
	rule    string
	outcome Outcome
	re      *regexp.Regexp
}

var wantLine = regexp.MustCompile(`^# want (\w+) (fixed|warning|error): (.*)$`)

func readWants(t *testing.T, dt []byte) []want {
	var out, pending []want
	for i, l := range splitLines(dt) {
		if m := wantLine.FindStringSubmatch(l); m != nil {
			pending = append(pending, want{rule: m[1], outcome: Outcome(m[2]), re: regexp.MustCompile(m[3])})
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(l), "#") || strings.TrimSpace(l) == "" {
			continue
		}
		for _, w := range pending {
			w.line = i + 1
			out = append(out, w)
		}
		pending = nil
	}
	if len(pending) > 0 {
		t.Fatalf("want comments at the end of the file point at no instruction")
	}
	return out
}

// options reads "# option key=value" lines: target, arg NAME=VALUE,
// platforms a,b, offline, insource, rules, action RULE=ACTION, the policy
// options allowed-port, deny-package and allow-package (one per line), and
// the build facts dockerignore (one line per pattern), context (a directory
// under testdata/contexts), label, vcs-source, vcs-revision, numeric-user.
func options(dt []byte) (opt Options) {
	opt = Options{Resolver: fakeResolver{}, BuildArgs: map[string]string{}, Actions: map[string]Action{}}
	var contextDir string
	defer func() {
		if contextDir != "" {
			opt.Context = DirContext{Dir: filepath.Join("testdata", "contexts", contextDir), Ignore: opt.DockerIgnore}
		}
	}()
	for _, l := range splitLines(dt) {
		rest, ok := strings.CutPrefix(l, "# option ")
		if !ok {
			continue
		}
		k, v, _ := strings.Cut(rest, "=")
		switch k {
		case "target":
			opt.Target = v
		case "arg":
			name, val, _ := strings.Cut(v, "=")
			opt.BuildArgs[name] = val
		case "platforms":
			for _, p := range strings.Split(v, ",") {
				os, arch, _ := strings.Cut(p, "/")
				opt.TargetPlatforms = append(opt.TargetPlatforms, ocispecs.Platform{OS: os, Architecture: arch})
			}
		case "offline":
			opt.Resolver = nil
		case "context":
			contextDir = v
		case "allowed-port":
			opt.AllowedPorts = append(opt.AllowedPorts, v)
		case "deny-package":
			opt.DeniedPackages = append(opt.DeniedPackages, v)
		case "allow-package":
			opt.AllowedPackages = append(opt.AllowedPackages, v)
		case "action":
			id, a, _ := strings.Cut(v, "=")
			opt.Actions[id] = Action(a)
		case "insource":
			opt.InSource = true
		case "dockerignore": // one line per pattern; an empty one gives an empty list
			if opt.DockerIgnore == nil {
				opt.DockerIgnore = []string{}
			}
			if v != "" {
				opt.DockerIgnore = append(opt.DockerIgnore, v)
			}
		case "trusted":
			opt.TrustedRegistries = append(opt.TrustedRegistries, v)
		case "label":
			opt.RequiredLabels = append(opt.RequiredLabels, v)
		case "vcs-source":
			opt.VCSSource = v
		case "vcs-revision":
			opt.VCSRevision = v
		case "numeric-user":
			opt.NumericUser = v == "true"
		case "rules":
			opt.Rules = []*Rule{}
			for _, id := range strings.Split(v, ",") {
				r, ok := Lookup(id)
				if !ok {
					panic("unknown rule " + id)
				}
				opt.Rules = append(opt.Rules, r)
			}
		}
	}
	return opt
}

func TestRules(t *testing.T) {
	files, err := filepath.Glob("testdata/rules/*.Dockerfile")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	more, _ := filepath.Glob("testdata/runtime/*.Dockerfile")
	files = append(files, more...)
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".Dockerfile")
		t.Run(name, func(t *testing.T) {
			dt, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Run(context.Background(), dt, options(dt))
			if err != nil {
				t.Fatalf("run: %v", err)
			}
			checkWants(t, readWants(t, dt), rep.Results)
			checkGolden(t, strings.TrimSuffix(file, ".Dockerfile")+".golden", dt, rep.Output)
			checkIdempotent(t, rep.Output, options(dt))
		})
	}
}

func checkWants(t *testing.T, wants []want, results []Result) {
	t.Helper()
	used := make([]bool, len(results))
	for _, w := range wants {
		found := false
		for i, r := range results {
			if used[i] || r.Location.Start.Line != w.line || r.Rule.ID != w.rule || r.Outcome != w.outcome {
				continue
			}
			if w.re.MatchString(r.Message + " | " + r.Advice()) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("line %d: want %s %s matching %q; got none", w.line, w.rule, w.outcome, w.re)
		}
	}
	for i, r := range results {
		if !used[i] {
			t.Errorf("line %d: unexpected %s %s: %s | %s", r.Location.Start.Line, r.Rule.ID, r.Outcome, r.Message, r.Advice())
		}
	}
}

func checkGolden(t *testing.T, golden string, in, out []byte) {
	t.Helper()
	if bytes.Equal(in, out) {
		if _, err := os.Stat(golden); err == nil {
			t.Errorf("nothing was fixed, but %s exists", golden)
		}
		return
	}
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if !bytes.Equal(want, out) {
		t.Errorf("fixed output differs from %s:\n%s", golden, out)
	}
	if a, b := bytes.Count(in, []byte("\n")), bytes.Count(out, []byte("\n")); a != b {
		t.Errorf("fix changed the line count from %d to %d", a, b)
	}
}

func checkIdempotent(t *testing.T, out []byte, opt Options) {
	t.Helper()
	again, err := Run(context.Background(), out, opt)
	if err != nil {
		t.Fatalf("run on the fixed output: %v", err)
	}
	if again.Changed() || !bytes.Equal(again.Output, out) {
		t.Errorf("fixing twice changed the output again:\n%s", again.Output)
	}
}
