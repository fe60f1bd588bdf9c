package cli

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/containerd/platforms"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"

	"github.com/safe-dockerfile/safe-dockerfile/policy"
	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// frontendOptions are the options frontend/build.go's options() gives the
// transform for `docker buildx build -f FILE DIR` of a corpus file: no
// build args (an empty map), no target, no --platform (an empty list),
// the build platform of a builder on this machine, no .dockerignore in
// the corpus, no named contexts, BUILDX_GIT_INFO=false (so no vcs:*
// options), and no policy.
func frontendOptions(file string, resolver transform.Resolver) transform.Options {
	eff, err := policy.Resolve(nil, nil, nil)
	if err != nil {
		panic(err)
	}
	return eff.Options(transform.Options{
		Filename:        filepath.Base(file),
		BuildArgs:       map[string]string{},
		Target:          "",
		BuildPlatform:   platforms.Normalize(platforms.DefaultSpec()),
		TargetPlatforms: []ocispecs.Platform{},
		Resolver:        resolver,
		DockerIgnore:    nil,
		InSource:        true, // the CLI's one deliberate difference
	})
}

// TestCorpusSameAsTheFrontend runs the CLI's check over every file of the
// shared corpus and compares it with transform.Run called as the frontend
// calls it: same results, same outcomes, same rewritten output, same
// errors. It does so offline, and again with a resolver, every rule on.
func TestCorpusSameAsTheFrontend(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedDir, "corpus", "*.Dockerfile"))
	if len(files) == 0 {
		t.Fatalf("no shared corpus in %s", sharedDir)
	}
	for _, mode := range []struct {
		name     string
		cfg      Config
		resolver transform.Resolver
	}{
		{"offline", Config{Offline: true, Resolver: failingResolver{t}}, nil},
		{"resolver", Config{Resolver: fakeResolver{}}, fakeResolver{}},
	} {
		for _, file := range files {
			t.Run(mode.name+"/"+filepath.Base(file), func(t *testing.T) {
				cfg := mode.cfg
				cfg.Paths = []string{file}
				cfg.LookupEnv = noGit
				res, err := Check(context.Background(), cfg)
				if err != nil {
					t.Fatal(err)
				}
				got := res.Files[0]

				want, wantErr := transform.Run(context.Background(), got.Source, frontendOptions(file, mode.resolver))
				sameReports(t, got.Report, got.Err, want, wantErr)
			})
		}
	}
}

func sameReports(t *testing.T, got *transform.Report, gotErr error, want *transform.Report, wantErr error) {
	t.Helper()
	if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
		t.Fatalf("CLI error %v, frontend's %v", gotErr, wantErr)
	}
	if wantErr != nil {
		return
	}
	if len(got.Results) != len(want.Results) {
		t.Fatalf("CLI has %d findings, frontend's transform %d", len(got.Results), len(want.Results))
	}
	for i := range want.Results {
		if !reflect.DeepEqual(got.Results[i], want.Results[i]) {
			t.Errorf("finding %d:\nCLI:      %+v\nfrontend: %+v", i, got.Results[i], want.Results[i])
		}
	}
	if string(got.Output) != string(want.Output) {
		t.Error("the rewritten Dockerfiles differ")
	}
}

// TestOptionsMirrorTheFrontend checks the option mapping field by field
// for a build with every flag set.
func TestOptionsMirrorTheFrontend(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"app/app.Dockerfile": dfClean,
		"ctx/.dockerignore":  "# comment\n.git\n/node_modules\n!keep\n",
	})
	arm := ocispecs.Platform{OS: "linux", Architecture: "arm64"}
	cfg := Config{
		BuildArgs: map[string]string{"A": "1"},
		Target:    "final",
		Platforms: []ocispecs.Platform{arm},
		Context:   filepath.Join(dir, "ctx"),
		Resolver:  fakeResolver{},
		LookupEnv: noGit,
	}
	opt, err := cfg.Options(filepath.Join(dir, "app", "app.Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	want := transform.Options{
		Filename:        "app.Dockerfile",
		BuildArgs:       map[string]string{"A": "1"},
		Target:          "final",
		BuildPlatform:   platforms.Normalize(platforms.DefaultSpec()),
		TargetPlatforms: []ocispecs.Platform{arm},
		Resolver:        fakeResolver{},
		DockerIgnore:    []string{".git", "node_modules", "!keep"},
		Context: transform.DirContext{
			Dir:    filepath.Join(dir, "ctx"),
			Ignore: []string{".git", "node_modules", "!keep"},
		},
		InSource: true,
	}
	// The policy's part: the built-in policy's actions and hooks.
	if len(opt.Actions) != len(transform.All()) || opt.Except == nil || opt.InlineAllowed == nil {
		t.Errorf("the built-in policy was not applied: %+v", opt)
	}
	opt.Actions, opt.Except, opt.InlineAllowed = nil, nil, nil
	if !reflect.DeepEqual(opt, want) {
		t.Errorf("options:\n%+v\nwant:\n%+v", opt, want)
	}

	cfg.Offline = true
	if opt, _ := cfg.Options(filepath.Join(dir, "app", "app.Dockerfile")); opt.Resolver != nil {
		t.Error("offline options carry a resolver")
	}
}

func TestDockerIgnore(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"none", nil, nil},
		{"context's", map[string]string{".dockerignore": ".git\n"}, []string{".git"}},
		{"empty", map[string]string{".dockerignore": ""}, nil},
		{"only comments", map[string]string{".dockerignore": "# x\n\n"}, nil},
		{"the Dockerfile's own wins", map[string]string{
			".dockerignore":           ".git\n",
			"Dockerfile.dockerignore": "secrets\n",
		}, []string{"secrets"}},
		{"an empty own file wins", map[string]string{
			".dockerignore":           ".git\n",
			"Dockerfile.dockerignore": "",
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tc.files)
			got, err := dockerIgnore(filepath.Join(dir, "Dockerfile"), dir)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("patterns %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseBuildArgs(t *testing.T) {
	env := func(k string) (string, bool) {
		if k == "FROM_ENV" {
			return "env value", true
		}
		return "", false
	}
	got, err := ParseBuildArgs([]string{"A=1", "B=", "C=x=y", "FROM_ENV", "UNSET"}, env)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"A": "1", "B": "", "C": "x=y", "FROM_ENV": "env value"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("build args %v, want %v", got, want)
	}
}

func TestParsePlatforms(t *testing.T) {
	got, err := ParsePlatforms([]string{"linux/amd64,linux/arm64", "linux/arm/v7", "local"})
	if err != nil {
		t.Fatal(err)
	}
	want := []ocispecs.Platform{
		{OS: "linux", Architecture: "amd64"},
		{OS: "linux", Architecture: "arm64"},
		{OS: "linux", Architecture: "arm", Variant: "v7"},
		platforms.Normalize(platforms.DefaultSpec()),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("platforms %v, want %v", got, want)
	}
}
