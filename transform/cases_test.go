package transform

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// sharedDir is the team's shared material, beside the repository.
const sharedDir = "../../shared"

// caseCheck asserts a shared case's expected outcome on the report.
type caseCheck func(t *testing.T, rep *Report)

// The expected outcome of every case in ../shared/cases. B05 and B06 are
// about package version pinning, which no rule asks for: they check that
// nothing misreads their install lines.
var caseChecks = map[string]caseCheck{
	"B01": func(t *testing.T, rep *Report) {
		for _, rule := range []string{"AptLists", "IndexUpdateAlone", "PackageCache"} {
			none(t, rep, rule, 5)
			none(t, rep, rule, 9)
		}
		some(t, rep, "AptLists", 10, Rejected, "without an install")
		none(t, rep, "VerificationDisabled", 3)
	},
	"B02": func(t *testing.T, rep *Report) {
		for _, rule := range []string{"AptLists", "PackageCache", "NonInteractiveInstall", "IndexUpdateAlone"} {
			none(t, rep, rule, 5)
		}
	},
	"B03": func(t *testing.T, rep *Report) {
		some(t, rep, "PackageCache", 3, Fixed, "yum install without `yum clean all` after it")
		if !strings.Contains(string(rep.Output), "git-2.0 && yum clean all\n") {
			t.Errorf("the clean was not appended after the install:\n%s", rep.Output)
		}
	},
	"B05": func(t *testing.T, rep *Report) {
		for _, rule := range []string{"AptLists", "UnwantedPackages", "BuildToolsInFinal", "RemoteScriptPipe"} {
			none(t, rep, rule, 3)
		}
	},
	"B06": func(t *testing.T, rep *Report) {
		none(t, rep, "AptLists", 3)
		none(t, rep, "UnwantedPackages", 3)
		none(t, rep, "VerificationDisabled", 3)
		some(t, rep, "BuildToolsInFinal", 3, Warned, "): openjdk-8-jdk")
	},
	"B28": func(t *testing.T, rep *Report) {
		some(t, rep, "ExposeSSH", 3, Rejected, "EXPOSE 22/tcp exposes the SSH port 22")
		some(t, rep, "ExposeSSH", 4, Rejected, "EXPOSE 22 exposes the SSH port 22")
		none(t, rep, "ExposeSSH", 5)
	},
	"B07": func(t *testing.T, rep *Report) { noneAnywhere(t, rep, "RootUser") },
	"B09": func(t *testing.T, rep *Report) {
		some(t, rep, "RootUser", 2, Rejected, "sets no USER and its base image debian:stretch runs as root")
	},
	"B13": func(t *testing.T, rep *Report) { none(t, rep, "Pipefail", 3) },
	"B15": func(t *testing.T, rep *Report) {
		if n := len(rep.Dockerfile.Stages[0].Instructions); n != 2 {
			t.Errorf("want two heredoc RUNs, got %d instructions", n)
		}
	},
	"B16": func(t *testing.T, rep *Report) {
		cp, ok := rep.Dockerfile.Stages[0].Instructions[0].Command.(*instructions.CopyCommand)
		if !ok || len(cp.SourceContents) != 1 {
			t.Fatal("want a COPY of one heredoc")
		}
		if c := cp.SourceContents[0]; !strings.Contains(c.Data, "echo '$TARGETBUILDARCH'") {
			t.Errorf("heredoc lost its text: %+v", c)
		}
	},
	"B11": func(t *testing.T, rep *Report) {
		run := rep.Dockerfile.Stages[0].Instructions[0]
		s, err := parseShell(strings.Join(runCmd(run).CmdLine, " "), false)
		if err != nil || len(s.Commands) != 1 || strings.Join(s.Commands[0].Args, " ") != "echo hello" {
			t.Errorf("RUN is not the one command `echo hello`: %q", run.Node.Original)
		}
		none(t, rep, "AptLists", 3)
	},
	"B12": func(t *testing.T, rep *Report) {
		none(t, rep, "Pipefail", 3)
		none(t, rep, "SudoInRun", 3)
		onlyLinesChanged(t, rep, 2)
	},
	"B19": func(t *testing.T, rep *Report) {
		env := rep.Dockerfile.Stages[0].Instructions[0].Node
		if env.EndLine != 5 || !strings.Contains(env.Original, "somethingelse=somethingelse") {
			t.Errorf("ENV is not continued by the backtick: %q", env.Original)
		}
		for _, r := range rep.Results {
			if r.Location.Start.Line == 6 {
				t.Errorf("finding on the Windows path line: %s", r.Message)
			}
		}
		noneAnywhere(t, rep, "Pipefail")
	},
	"B22": func(t *testing.T, rep *Report) { pinnedTag(t, rep, 3, "debian:9") },
	"B23": func(t *testing.T, rep *Report) {
		pinnedTag(t, rep, 3, "node:10")
		some(t, rep, "LargeBaseImage", 3, Warned, "node:10")
	},
	"B25": func(t *testing.T, rep *Report) {
		pinnedTag(t, rep, 2, "mcr.microsoft.com/dotnet/aspnet:3.1-alpine")
		pinnedTag(t, rep, 7, "mcr.microsoft.com/dotnet/sdk:3.1-focal")
		for _, line := range []int{12, 15} {
			none(t, rep, "UnpinnedBaseImage", line)
		}
	},
	"B26": func(t *testing.T, rep *Report) {
		none(t, rep, "UnpinnedBaseImage", 6)
		noneAnywhere(t, rep, "RootUser")
	},
	"B29": func(t *testing.T, rep *Report) {
		some(t, rep, "UnsafeAdd", 4, Rejected, "without verifying it")
		none(t, rep, "UnsafeAdd", 5)
		if line := string(rep.Output); !strings.Contains(line, "\nADD https://") {
			t.Error("the URL ADD was rewritten")
		}
	},
	"B31": func(t *testing.T, rep *Report) { onlyLinesChanged(t, rep, 2) },
	"B33": func(t *testing.T, rep *Report) {
		if n := len(rep.Dockerfile.Stages[0].Instructions); n != 2 {
			t.Errorf("want RUN and USER, got %d instructions", n)
		}
		noneAnywhere(t, rep, "RootUser")
	},
	"B34": func(t *testing.T, rep *Report) {
		some(t, rep, "WritableExecutables", 3, Rejected, "--chmod=777")
		none(t, rep, "WritableExecutables", 4)
		some(t, rep, "WritableExecutables", 5, Rejected, "chmod 777")
	},
}

// parseFailures are the cases BuildKit itself rejects.
var parseFailures = map[string]string{
	"B18": "unknown instruction",
	"B20": "",
}

func TestSharedCases(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedDir, "cases", "*.Dockerfile"))
	if len(files) == 0 {
		t.Fatalf("no shared cases in %s", sharedDir)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".Dockerfile")
		t.Run(name, func(t *testing.T) {
			dt, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Run(context.Background(), dt, Options{Resolver: fakeResolver{}})
			if want, ok := parseFailures[name]; ok {
				sameParseError(t, dt, err, want)
				return
			}
			if err != nil {
				t.Fatalf("run: %v", err)
			}
			if check, ok := caseChecks[name]; ok {
				check(t, rep)
			}
			checkIdempotent(t, rep.Output, Options{Resolver: fakeResolver{}})
		})
	}
}

// sameParseError checks that we reject what BuildKit rejects, with its
// message.
func sameParseError(t *testing.T, dt []byte, ours error, want string) {
	t.Helper()
	_, theirs := dockerfile2llb.ListTargets(context.Background(), dt)
	if ours == nil || theirs == nil {
		t.Fatalf("want a parse error from both; ours: %v, BuildKit's: %v", ours, theirs)
	}
	if ours.Error() != theirs.Error() || !strings.Contains(ours.Error(), want) {
		t.Errorf("parse error %q, BuildKit says %q", ours, theirs)
	}
}

func some(t *testing.T, rep *Report, rule string, line int, outcome Outcome, msg string) {
	t.Helper()
	for _, r := range rep.Results {
		if r.Rule.ID == rule && r.Location.Start.Line == line && r.Outcome == outcome &&
			strings.Contains(r.Message, msg) {
			return
		}
	}
	t.Errorf("line %d: want %s %s %q; got %v", line, rule, outcome, msg, summary(rep))
}

func none(t *testing.T, rep *Report, rule string, line int) {
	t.Helper()
	for _, r := range rep.Results {
		if r.Rule.ID == rule && r.Location.Start.Line == line {
			t.Errorf("line %d: unexpected %s: %s", line, rule, r.Message)
		}
	}
}

func noneAnywhere(t *testing.T, rep *Report, rule string) {
	t.Helper()
	for _, r := range rep.Results {
		if r.Rule.ID == rule {
			t.Errorf("line %d: unexpected %s: %s", r.Location.Start.Line, rule, r.Message)
		}
	}
}

// pinnedTag checks that the image on line was read with its tag: it is
// pinned as a tagged image, never reported as floating on latest.
func pinnedTag(t *testing.T, rep *Report, line int, ref string) {
	t.Helper()
	some(t, rep, "UnpinnedBaseImage", line, Fixed, ref+" names a tag")
	for _, r := range rep.Results {
		if r.Location.Start.Line == line && strings.Contains(r.Message, "latest") {
			t.Errorf("line %d: read as floating: %s", line, r.Message)
		}
	}
}

// onlyLinesChanged checks that the fixes touched no line but these.
func onlyLinesChanged(t *testing.T, rep *Report, lines ...int) {
	t.Helper()
	in, out := rep.Dockerfile.Lines, splitLines(rep.Output)
	for i := range in {
		if in[i] != out[i] && !containsInt(lines, i+1) {
			t.Errorf("line %d changed: %q -> %q", i+1, in[i], out[i])
		}
	}
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func summary(rep *Report) []string {
	var out []string
	for _, r := range rep.Results {
		out = append(out, r.Rule.ID+"@"+itoa(r.Location.Start.Line)+": "+r.Message)
	}
	return out
}
