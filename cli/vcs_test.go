package cli

import (
	"path/filepath"
	"testing"
)

const (
	commitA = "0123456789abcdef0123456789abcdef01234567"
	commitB = "89abcdef0123456789abcdef0123456789abcdef"
)

func TestGitInfo(t *testing.T) {
	config := "[core]\n\tbare = false\n" +
		"[remote \"upstream\"]\n\turl = https://example.com/up.git\n" +
		"[remote \"origin\"]\n\turl = https://user:token@example.com/org/app.git\n" +
		"\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
	for _, tc := range []struct {
		name        string
		files       map[string]string
		dir         string
		source, rev string
	}{
		{
			name: "loose ref",
			files: map[string]string{
				".git/HEAD": "ref: refs/heads/main\n", ".git/refs/heads/main": commitA + "\n",
				".git/config": config,
			},
			dir:    "sub/dir",
			source: "https://example.com/org/app.git", rev: commitA,
		},
		{
			name: "packed ref, upstream only",
			files: map[string]string{
				".git/HEAD":        "ref: refs/heads/dev\n",
				".git/packed-refs": "# pack-refs with: peeled\n" + commitB + " refs/heads/dev\n",
				".git/config":      "[remote \"upstream\"]\n\turl = git@example.com:org/app.git\n",
			},
			source: "git@example.com:org/app.git", rev: commitB,
		},
		{
			name: "detached, no remote",
			files: map[string]string{
				".git/HEAD": commitA + "\n", ".git/config": "[core]\n",
			},
			rev: commitA,
		},
		{
			name: "worktree",
			files: map[string]string{
				"wt/.git":                          "gitdir: ../main/.git/worktrees/wt\n",
				"main/.git/worktrees/wt/HEAD":      "ref: refs/heads/feature\n",
				"main/.git/worktrees/wt/commondir": "../..\n",
				"main/.git/refs/heads/feature":     commitB + "\n",
				"main/.git/config":                 config,
			},
			dir:    "wt",
			source: "https://example.com/org/app.git", rev: commitB,
		},
		{name: "no repository", files: map[string]string{"x": ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			writeFiles(t, root, tc.files)
			dir := filepath.Join(root, filepath.FromSlash(tc.dir))
			source, rev := gitInfo(dir)
			if tc.name == "no repository" && isInGitRepo(root) {
				t.Skip("the temporary folder lies in a git work tree")
			}
			if source != tc.source || rev != tc.rev {
				t.Errorf("got %q %q, want %q %q", source, rev, tc.source, tc.rev)
			}
		})
	}
}

func isInGitRepo(dir string) bool {
	_, ok := findGitDir(filepath.Dir(dir))
	return ok
}

func TestGitInfoWanted(t *testing.T) {
	for v, want := range map[string]bool{"": true, "0": false, "false": false, "1": true, "junk": true} {
		lookup := func(string) (string, bool) { return v, v != "" }
		if got := gitInfoWanted(lookup); got != want {
			t.Errorf("BUILDX_GIT_INFO=%q: %v, want %v", v, got, want)
		}
	}
}

func TestOptionsCarryGitInfo(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		".git/HEAD": commitA + "\n", ".git/config": "[remote \"origin\"]\n\turl = https://example.com/a.git\n",
		"app/Dockerfile": dfClean,
	})
	cfg := Config{Offline: true, LookupEnv: func(string) (string, bool) { return "", false }}
	opt, err := cfg.Options(filepath.Join(root, "app", "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	if opt.VCSSource != "https://example.com/a.git" || opt.VCSRevision != commitA {
		t.Errorf("vcs %q %q", opt.VCSSource, opt.VCSRevision)
	}
}
