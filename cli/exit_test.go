package cli

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		df     string
		config Config
		fix    bool
		want   int
	}{
		{name: "clean", df: dfClean, config: Config{Offline: true}, want: ExitOK},
		{name: "only fixable", df: dfFixable, config: Config{Resolver: fakeResolver{}}, want: ExitOK},
		{name: "only a warning", df: "FROM debian:12\nUSER 10001\n", config: Config{Offline: true}, want: ExitOK},
		{name: "an error", df: dfMixed, config: Config{Resolver: fakeResolver{}}, want: ExitFindings},
		{name: "latest offline", df: dfLatest, config: Config{Offline: true}, want: ExitFindings},
		{name: "parse error", df: dfBroken, config: Config{Offline: true}, want: ExitError},
		{name: "unknown image", df: dfMissing, config: Config{Resolver: fakeResolver{}}, want: ExitError},
		{name: "unknown target", df: dfClean, config: Config{Offline: true, Target: "nope"}, want: ExitError},
		{name: "fix leaves nothing", df: dfFixable, config: Config{Resolver: fakeResolver{}}, fix: true, want: ExitOK},
		{name: "fix leaves an error", df: dfMixed, config: Config{Resolver: fakeResolver{}}, fix: true, want: ExitFindings},
		{name: "fix of a broken file", df: dfBroken, config: Config{Offline: true}, fix: true, want: ExitError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"Dockerfile": tc.df})
			cfg := tc.config
			cfg.Paths = []string{dir}
			cfg.rules = coreRules(t)
			cfg.LookupEnv = noGit

			run := Check
			if tc.fix {
				run = func(ctx context.Context, cfg Config) (*Result, error) { return Fix(ctx, cfg, true) }
			}
			res, err := run(context.Background(), cfg)
			if got := ExitCode(res, err); got != tc.want {
				t.Errorf("exit code %d, want %d (err %v)", got, tc.want, err)
				if res != nil {
					for _, f := range res.Files {
						t.Logf("%s: err %v", f.Path, f.Err)
					}
				}
			}
		})
	}
}

func TestExitCodeOfCommandErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	_, err := Check(context.Background(), Config{Paths: []string{missing}, Offline: true})
	if err == nil || ExitCode(nil, err) != ExitError {
		t.Errorf("missing path: err %v, exit %d", err, ExitCode(nil, err))
	}

	_, err = Check(context.Background(), Config{Paths: []string{t.TempDir()}, Offline: true})
	if err == nil || ExitCode(nil, err) != ExitError {
		t.Errorf("folder with no Dockerfile: err %v, exit %d", err, ExitCode(nil, err))
	}

	for name, err := range map[string]error{
		"format":    second(ParseFormat("xml")),
		"build-arg": second(ParseBuildArgs([]string{"=x"}, nil)),
		"platform":  second(ParsePlatforms([]string{"linux/amd64,not a platform!"})),
		"explain":   Explain(discard{}, "NoSuchRule"),
	} {
		if !IsUsage(err) || ExitCode(nil, err) != ExitError {
			t.Errorf("%s: err %v is not a usage error with exit code 2", name, err)
		}
	}
}

func TestAFailedFileWinsOverFindings(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a/Dockerfile": dfMixed, "b/Dockerfile": dfBroken})
	res, err := Check(context.Background(), Config{
		Paths: []string{dir}, Offline: true, rules: coreRules(t), LookupEnv: noGit,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 2 || res.Files[0].Err != nil || res.Files[1].Err == nil {
		t.Fatalf("want a checked and a failed file, got %+v", res.Files)
	}
	if got := ExitCode(res, nil); got != ExitError {
		t.Errorf("exit code %d, want %d", got, ExitError)
	}
}

func TestCanceledCheck(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"Dockerfile": dfClean})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Check(ctx, Config{Paths: []string{dir}, Offline: true})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
}

func second[T any](_ T, err error) error { return err }

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
