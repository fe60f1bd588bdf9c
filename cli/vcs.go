package cli

import (
	"bufio"
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// gitInfoWanted reports whether buildx would send the context's git
// information: unless BUILDX_GIT_INFO says false.
func gitInfoWanted(lookupEnv func(string) (string, bool)) bool {
	v, ok := lookupEnv("BUILDX_GIT_INFO")
	if !ok {
		return true
	}
	on, err := strconv.ParseBool(v)
	return err != nil || on
}

// gitInfo returns the remote URL (without credentials) and the commit of
// the git work tree that holds dir, as buildx sends them as vcs:source
// and vcs:revision. It reads the repository's files and runs no git
// command, so it does not apply url.*.insteadOf rewrites and does not mark
// a dirty tree (buildx does so only under BUILDX_GIT_CHECK_DIRTY).
func gitInfo(dir string) (source, revision string) {
	gitDir, ok := findGitDir(dir)
	if !ok {
		return "", ""
	}
	common := gitDir
	if dt, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		common = relTo(gitDir, strings.TrimSpace(string(dt)))
	}
	return remoteURL(common), headCommit(gitDir, common)
}

// findGitDir walks up from dir to the .git folder (or the .git file of a
// worktree or submodule) of the work tree that holds it.
func findGitDir(dir string) (string, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		p := filepath.Join(abs, ".git")
		if fi, err := os.Stat(p); err == nil {
			if fi.IsDir() {
				return p, true
			}
			dt, err := os.ReadFile(p)
			if target, ok := strings.CutPrefix(string(dt), "gitdir:"); err == nil && ok {
				return relTo(abs, strings.TrimSpace(target)), true
			}
			return "", false
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", false
		}
		abs = parent
	}
}

func relTo(base, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(base, p)
}

// headCommit resolves HEAD to a commit, through loose or packed refs.
func headCommit(gitDir, common string) string {
	dt, err := os.ReadFile(filepath.Join(gitDir, "HEAD"))
	if err != nil {
		return ""
	}
	head := strings.TrimSpace(string(dt))
	ref, symbolic := strings.CutPrefix(head, "ref:")
	if !symbolic {
		return commitID(head)
	}
	ref = strings.TrimSpace(ref)
	for _, d := range []string{gitDir, common} {
		if dt, err := os.ReadFile(filepath.Join(d, filepath.FromSlash(ref))); err == nil {
			return commitID(strings.TrimSpace(string(dt)))
		}
	}
	return packedRef(common, ref)
}

func packedRef(common, ref string) string {
	dt, err := os.ReadFile(filepath.Join(common, "packed-refs"))
	if err != nil {
		return ""
	}
	sc := bufio.NewScanner(bytes.NewReader(dt))
	for sc.Scan() {
		id, name, ok := strings.Cut(sc.Text(), " ")
		if ok && name == ref {
			return commitID(id)
		}
	}
	return ""
}

// commitID returns s when it is a full SHA-1 or SHA-256 object name.
func commitID(s string) string {
	if len(s) != 40 && len(s) != 64 {
		return ""
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return ""
		}
	}
	return s
}

// remoteURL returns the URL of the remote "origin", else of "upstream",
// from the repository's config, with any user name and password removed.
func remoteURL(common string) string {
	dt, err := os.ReadFile(filepath.Join(common, "config"))
	if err != nil {
		return ""
	}
	urls := remoteURLs(dt)
	for _, name := range []string{"origin", "upstream"} {
		if u, ok := urls[name]; ok {
			return stripCredentials(u)
		}
	}
	return ""
}

// remoteURLs reads the url of each [remote "NAME"] section of a git config.
func remoteURLs(config []byte) map[string]string {
	out := map[string]string{}
	remote := ""
	sc := bufio.NewScanner(bytes.NewReader(config))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			remote = ""
			section := strings.TrimSuffix(strings.TrimPrefix(line, "["), "]")
			kind, name, ok := strings.Cut(section, " ")
			if ok && strings.EqualFold(kind, "remote") {
				remote, _ = strconv.Unquote(strings.TrimSpace(name))
			}
			continue
		}
		key, val, ok := strings.Cut(line, "=")
		if remote == "" || !ok || !strings.EqualFold(strings.TrimSpace(key), "url") {
			continue
		}
		if _, seen := out[remote]; !seen {
			out[remote] = unquoteValue(strings.TrimSpace(val))
		}
	}
	return out
}

func unquoteValue(v string) string {
	if u, err := strconv.Unquote(v); err == nil {
		return u
	}
	return v
}

// stripCredentials removes the user information from a URL; an scp-like
// address (git@host:path) has no password and is kept as it is.
func stripCredentials(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil || u.Scheme == "" {
		return s
	}
	u.User = nil
	return u.String()
}
