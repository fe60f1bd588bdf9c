package policy

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// wantMark is an expected error, written in testdata as a comment on the
// line it is about: "key: value # want: message".
var wantMark = regexp.MustCompile(`# want: ([^#]*)`)

// wantedErrors returns, for each line, the messages marked on it.
func wantedErrors(dt []byte) map[int][]string {
	out := map[int][]string{}
	for i, l := range strings.Split(string(dt), "\n") {
		for _, m := range wantMark.FindAllStringSubmatch(l, -1) {
			out[i+1] = append(out[i+1], strings.TrimSpace(m[1]))
		}
	}
	return out
}

// policyErrors unpacks the joined errors of Load or Resolve.
func policyErrors(t *testing.T, err error) []*Error {
	t.Helper()
	if err == nil {
		return nil
	}
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	var out []*Error
	for _, e := range errs {
		var pe *Error
		if !errors.As(e, &pe) {
			t.Fatalf("not a policy error: %v", e)
		}
		out = append(out, pe)
	}
	return out
}

// TestLoadTestdata loads every file of testdata/load and checks that Load
// reports exactly the errors marked in it, each on its line.
func TestLoadTestdata(t *testing.T) {
	files, err := filepath.Glob("testdata/load/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			dt, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want := wantedErrors(dt)
			_, err = Load(file, dt)
			got := policyErrors(t, err)
			matchErrors(t, file, want, got)
		})
	}
}

// matchErrors checks that got holds one error per wanted message, on its
// line, and no other.
func matchErrors(t *testing.T, source string, want map[int][]string, got []*Error) {
	t.Helper()
	used := make([]bool, len(got))
	for line, msgs := range want {
		for _, msg := range msgs {
			i := slices.IndexFunc(got, func(e *Error) bool {
				return e.Line == line && e.Source == source && strings.Contains(e.Msg, msg)
			})
			if i < 0 || used[i] {
				t.Errorf("line %d: want an error containing %q", line, msg)
				continue
			}
			used[i] = true
		}
	}
	for i, e := range got {
		if !used[i] {
			t.Errorf("unexpected error: %v", e)
		}
	}
}

func TestLoadValid(t *testing.T) {
	p, err := Load("valid.yaml", mustRead(t, "testdata/load/valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Metadata != (Metadata{Name: "web", Version: "3"}) {
		t.Errorf("metadata %+v", p.Metadata)
	}
	if p.Rules["RootUser"].Action != transform.ActionError || p.Rules["MissingHealthcheck"].Action != "off" {
		t.Errorf("actions %+v", p.Rules)
	}
	nn := p.Rules["NonNumericUser"]
	if !*nn.Inline || *nn.Relax || !*nn.Options.Required {
		t.Errorf("NonNumericUser %+v", nn)
	}
	if got := p.Rules["RequiredLabels"].Options.Labels; !slices.Equal(got, []string{"org.opencontainers.image.vendor"}) {
		t.Errorf("RequiredLabels options %v", got)
	}
	if len(p.Exceptions) != 1 {
		t.Fatalf("exceptions %+v", p.Exceptions)
	}
	x := p.Exceptions[0]
	if x.Rule != "LargeBaseImage" || x.Line != 20 || x.Expires.Format(dateLayout) != "2027-01-31" ||
		x.Reason != "the build stage needs the toolchain" || len(x.Images) != 2 || len(x.Paths) != 2 {
		t.Errorf("exception %+v", x)
	}
	if !*p.NumericUser || len(p.RequiredLabels) != 1 || len(p.TrustedRegistries) != 1 {
		t.Errorf("globals %+v", p)
	}
	if !strings.HasPrefix(p.Digest.String(), "sha256:") || p.Source != "valid.yaml" {
		t.Errorf("identity %s %s", p.Source, p.Digest)
	}
}

// TestLoadErrors covers what a file with markers cannot: errors of the
// YAML itself, and the file as a whole.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, data string
		line       int
		msg        string
	}{
		{"empty", "", 1, "the policy is empty"},
		{"only a comment", "# nothing\n", 1, "the policy is empty"},
		{"syntax", "apiVersion: safe-dockerfile/v1\nrules: [\n", 2, "read YAML: "},
		{"tab indent", "apiVersion: x\nrules:\n\tRootUser: warn\n", 3, "read YAML: found character that cannot start"},
		{"two documents", "apiVersion: safe-dockerfile/v1\n---\nkind: Policy\n", 2, "a second YAML document"},
		{"a list", "- a\n- b\n", 1, "the policy must be a mapping, not a list"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load("p.yaml", []byte(tc.data))
			errs := policyErrors(t, err)
			if len(errs) == 0 {
				t.Fatal("no error")
			}
			e := errs[0]
			if e.Source != "p.yaml" || e.Line != tc.line || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("got %v, want p.yaml:%d: ...%s...", e, tc.line, tc.msg)
			}
		})
	}
}

// TestLoadGathersEveryError: one round shows every problem, in line order.
func TestLoadGathersEveryError(t *testing.T) {
	_, err := Load("p.yaml", []byte("kind: Nope\nrules:\n  RootUser: loud\nnumericUser: 1\n"))
	got := err.Error()
	want := "p.yaml:1: kind is \"Nope\"; a policy file has kind Policy\n" +
		"p.yaml:1: apiVersion is missing: the first line of a policy is apiVersion: safe-dockerfile/v1\n" +
		"p.yaml:3: rules.RootUser: \"loud\" is not an action (error, warn, fix or off)\n" +
		"p.yaml:4: numericUser must be true or false, not the value \"1\""
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestDefaultListsEveryRuleAtItsDefault(t *testing.T) {
	p := Default()
	for _, r := range transform.All() {
		rc, ok := p.Rules[r.ID]
		if !ok {
			t.Errorf("default.yaml does not list %s", r.ID)
			continue
		}
		if rc.Action != r.Default {
			t.Errorf("default.yaml gives %s the action %s; the rule's default is %s", r.ID, rc.Action, r.Default)
		}
		if rc.Relax == nil || !*rc.Relax || rc.Inline == nil {
			t.Errorf("default.yaml does not say relax: true and inline for %s", r.ID)
		}
	}
	if p.Metadata.Name == "" || p.Metadata.Version == "" {
		t.Errorf("default.yaml has no name or version: %+v", p.Metadata)
	}
}

func TestReadFileMissing(t *testing.T) {
	p, err := ReadFile(filepath.Join(t.TempDir(), "policy.yaml"))
	if p != nil || err != nil {
		t.Errorf("a missing file gave %v, %v", p, err)
	}
	p, err = ReadFile("testdata/org.yaml")
	if err != nil || p.Metadata.Name != "acme-baseline" || p.Source != "testdata/org.yaml" {
		t.Errorf("org.yaml: %v %+v", err, p)
	}
}

func mustRead(t *testing.T, file string) []byte {
	t.Helper()
	dt, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return dt
}
