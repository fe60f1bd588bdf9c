package transform

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/shell"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

func TestCoversSSH(t *testing.T) {
	for _, tc := range []struct {
		spec         string
		single, want bool
	}{
		{"22", true, true},
		{"22/tcp", true, true},
		{"22/UDP", true, true},
		{"022", true, true},
		{"20-25", false, true},
		{"22-22", true, true},
		{"1-21", false, false},
		{"23-80", false, false},
		{"2222", true, false},
		{"127.0.0.1:2222:22/tcp", true, true},
		{"[::1]:22:8080", true, false},
		{"", false, false},
		{"ssh", false, false},
		{"22-x", false, false},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			single, ok := coversSSH(tc.spec)
			if ok != tc.want || ok && single != tc.single {
				t.Errorf("coversSSH(%q) = %v, %v; want %v, %v", tc.spec, single, ok, tc.single, tc.want)
			}
		})
	}
}

// TestQuoteLabel checks that BuildKit's lexer reads a quoted value back
// unchanged, with either escape character.
func TestQuoteLabel(t *testing.T) {
	values := []string{
		"https://github.com/org/repo", `a "quoted" value`, "$HOME and ${X:-y}", `back\slash`,
		"back`tick", "spaces  and\ttab", "'single'", `ends with \`, "",
	}
	for _, escape := range []rune{'\\', '`'} {
		lex := shell.NewLex(escape)
		for _, v := range values {
			q := quoteLabel(v, escape)
			got, err := expand(lex, q, vars{"HOME": "/root", "X": "x"})
			if err != nil || got.Value != v {
				t.Errorf("escape %q: %s reads as %q (%v), want %q", escape, q, got.Value, err, v)
			}
		}
	}
}

// FuzzRuntimeLabels drives the RequiredLabels fix, which FuzzTransform's
// options never reach, with any Dockerfile and any repository value: no
// panic, the fix keeps every line, and once fixed the label is set to the
// value, so nothing is left to report.
func FuzzRuntimeLabels(f *testing.F) {
	for _, pattern := range []string{"testdata/runtime/*.Dockerfile", "testdata/rules/*.Dockerfile",
		filepath.Join(sharedDir, "corpus", "*.Dockerfile")} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if dt, err := os.ReadFile(file); err == nil {
				f.Add(dt, "https://github.com/example/app.git")
			}
		}
	}
	f.Add([]byte("# escape=`\nFROM scratch\nLABEL a=b `\n  c=d\n"), "a `b` \"c\" $d \\e")
	f.Fuzz(func(t *testing.T, dt []byte, source string) {
		opt := Options{
			Resolver:       fakeResolver{},
			RequiredLabels: []string{labelSource, labelRevision},
			VCSSource:      source,
			VCSRevision:    "0123abc",
			Rules:          []*Rule{RequiredLabels},
		}
		rep, again := checkFixProperties(t, dt, opt)
		if rep == nil {
			return
		}
		for _, r := range rep.Results {
			if r.Outcome != Fixed {
				continue
			}
			for _, a := range again.Results {
				if a.Message == r.Message {
					t.Fatalf("still reported after the fix: %s\n%s", a.Message, rep.Output)
				}
			}
		}
	})
}

// namedUserResolver is a registry whose images run as the user "app".
type namedUserResolver struct{ fakeResolver }

func (r namedUserResolver) ResolveImage(ctx context.Context, ref string,
	pl *ocispecs.Platform) (*Image, error) {
	img, err := r.fakeResolver.ResolveImage(ctx, ref, pl)
	if err == nil {
		img.User = "app"
	}
	return img, err
}

func TestNonNumericUserBaseImage(t *testing.T) {
	dt := []byte("FROM example.com/app-base:1\nCOPY app /app\n")
	rep, err := Run(context.Background(), dt, Options{
		Resolver: namedUserResolver{}, NumericUser: true, Rules: []*Rule{NonNumericUser},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `runs as the user "app" of its base image example.com/app-base:1`
	if len(rep.Results) != 1 || rep.Results[0].Location.Start.Line != 1 ||
		!strings.Contains(rep.Results[0].Message, want) {
		t.Errorf("want one finding on the FROM line about the base image's user, got %v", summary(rep))
	}
}

func TestDepInstallOf(t *testing.T) {
	for _, tc := range []struct {
		script, want string
	}{
		{"npm ci", "npm ci"},
		{"npm install --omit dev", "npm install"},
		{"npm i --prefix /app", "npm i"},
		{"npm install express", ""},
		{"npm install -g pnpm", ""},
		{"yarn", "yarn"},
		{"yarn --frozen-lockfile", "yarn"},
		{"yarn add react", ""},
		{"yarn build", ""},
		{"pnpm install --frozen-lockfile", "pnpm install"},
		{"pip install -r requirements.txt", "pip install -r requirements.txt"},
		{"pip3.12 install --no-cache-dir --requirement=req/base.txt", "pip install -r req/base.txt"},
		{"python3 -m pip install -rdev.txt", "pip install -r dev.txt"},
		{"/opt/conda/bin/python -mpip install -r requirements.txt", "pip install -r requirements.txt"},
		{"uv pip install -r requirements.txt", "pip install -r requirements.txt"},
		{"pip install $REQS", ""},
		{"pip install .", ""},
		{"pip install -e .", ""},
		{"python pip install -r x.txt", ""},
		{"pipenv install --deploy", "pipenv install"},
		{"pipenv install requests", ""},
		{"go mod download", "go mod download"},
		{"go build ./...", ""},
		{"bundle install --jobs 4", "bundle install"},
		{"bundle exec rake", ""},
		{"./mvnw -B dependency:resolve", "mvn dependency:resolve"},
		{"mvn -B package", ""},
		{"cargo build --release", "cargo build"},
		{"cargo install ripgrep", ""},
		{"composer install --no-dev", "composer install"},
		{"dotnet restore", "dotnet restore"},
		{"dotnet publish", ""},
		{"sudo -E npm ci", "npm ci"},
	} {
		t.Run(tc.script, func(t *testing.T) {
			s, err := parseShell(tc.script, false)
			if err != nil || len(s.Commands) == 0 {
				t.Fatalf("parse: %v", err)
			}
			inst, ok := depInstallOf(s.Commands[0].unwrap())
			if got := map[bool]string{true: inst.what}[ok]; got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
