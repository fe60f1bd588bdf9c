package inspect

import (
	"context"
	"io/fs"
	"path"
	"slices"
	"testing"
)

// memFS is a filesystem in memory: the unit tests' stand-in for a built
// image, which the end-to-end tests read through BuildKit.
type memFS map[string]memFile

type memFile struct {
	mode fs.FileMode
	data string
}

func (m memFS) ReadDir(_ context.Context, dir string) ([]Entry, error) {
	if f, ok := m[dir]; !ok && dir != "/" || ok && !f.mode.IsDir() {
		return nil, fs.ErrNotExist
	}
	var out []Entry
	for p, f := range m {
		if p != "/" && path.Dir(p) == dir {
			out = append(out, Entry{Path: p, Mode: f.mode, Size: int64(len(f.data))})
		}
	}
	slices.SortFunc(out, func(a, b Entry) int {
		if a.Path < b.Path {
			return -1
		}
		return 1
	})
	return out, nil
}

func (m memFS) ReadFile(_ context.Context, name string, max int) ([]byte, error) {
	f, ok := m[name]
	if !ok {
		return nil, fs.ErrNotExist
	}
	return []byte(f.data[:min(max, len(f.data))]), nil
}

func dir(mode fs.FileMode) memFile { return memFile{mode: fs.ModeDir | mode} }
func file(mode fs.FileMode, data string) memFile {
	return memFile{mode: mode, data: data}
}

// image is a small Debian-like filesystem.
func image() memFS {
	return memFS{
		"/usr":                    dir(0o755),
		"/usr/bin":                dir(0o755),
		"/usr/bin/su":             file(fs.ModeSetuid|0o755, "su"),
		"/usr/bin/ls":             file(0o755, "ls"),
		"/etc":                    dir(0o755),
		"/etc/ssl":                dir(0o755),
		"/etc/ssl/cert.pem":       file(0o644, "-----BEGIN CERTIFICATE-----"),
		"/var":                    dir(0o755),
		"/var/lib":                dir(0o755),
		"/var/lib/apt":            dir(0o755),
		"/var/lib/apt/lists":      dir(0o755),
		"/var/lib/apt/lists/lock": file(0o640, ""),
		"/tmp":                    dir(fs.ModeSticky | 0o777),
		"/proc":                   dir(0o555),
		"/proc/secret.pem":        file(0o644, "-----BEGIN PRIVATE KEY-----"),
	}
}

func TestInspect(t *testing.T) {
	base := image()
	built := image()
	built["/usr/local/bin"] = dir(0o777)
	built["/usr/local/bin/tool"] = file(0o777, "tool")
	built["/usr/bin/helper"] = file(fs.ModeSetgid|0o755, "helper")
	built["/var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease"] = file(0o644, "lists")
	built["/root"] = dir(0o700)
	built["/root/.ssh"] = dir(0o700)
	built["/root/.ssh/id_ed25519"] = file(0o600, "-----BEGIN OPENSSH PRIVATE KEY-----")
	built["/root/.docker"] = dir(0o700)
	built["/root/.docker/config.json"] = file(0o600, `{"auths":{}}`)
	built["/app"] = dir(0o755)
	built["/app/server.key"] = file(0o600, "-----BEGIN EC PRIVATE KEY-----")
	built["/app/node_modules"] = dir(0o755)
	built["/app/node_modules/fixture.pem"] = file(0o644, "-----BEGIN RSA PRIVATE KEY-----")
	// The base's certificate replaced by a key of the same size.
	base["/etc/ssl/same.pem"] = file(0o644, "-----BEGIN CERTIFICATE-----")
	built["/etc/ssl/same.pem"] = file(0o644, "-----BEGIN PRIVATE KEY-----")
	built["/usr/local"] = dir(0o777)

	rep, err := Inspect(context.Background(), built, Options{
		PATH: []string{"/usr/local/bin", "/usr/bin", "/bin"},
		Base: base,
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Kind{}
	for _, f := range rep.Findings {
		got[f.Path] = f.Kind
	}
	want := map[string]Kind{
		"/usr/local":          WritablePath,
		"/usr/local/bin":      WritablePath,
		"/etc/ssl/same.pem":   PrivateKey,
		"/usr/local/bin/tool": WritablePath,
		"/usr/bin/helper":     SetID,
		"/var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease": AptLists,
		"/root/.ssh/id_ed25519":     PrivateKey,
		"/root/.docker/config.json": Credentials,
		"/app/server.key":           PrivateKey,
	}
	for p, k := range want {
		if got[p] != k {
			t.Errorf("%s: got %q, want %q", p, got[p], k)
		}
	}
	for p, k := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("unexpected %s finding for %s (the base's su, a certificate, /tmp, /proc and a package's fixture are fine)", k, p)
		}
	}
	if !rep.Complete || rep.Dirs != 17 {
		t.Errorf("walked %d directories, complete %v; want all 17 but /proc", rep.Dirs, rep.Complete)
	}

	// Without the base, the base's set-user-ID su is reported too.
	rep, err = Inspect(context.Background(), built, Options{PATH: []string{"/usr/bin"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(rep.Findings, func(f Finding) bool { return f.Path == "/usr/bin/su" }) {
		t.Errorf("su not reported without a base: %v", rep.Findings)
	}
}

func TestInspectBudget(t *testing.T) {
	built := image()
	built["/root"] = dir(0o700)
	built["/root/id_rsa"] = file(0o600, "-----BEGIN RSA PRIVATE KEY-----")
	// The key in /root is found within a budget of three directories:
	// the PATH, then /root.
	rep, err := Inspect(context.Background(), built, Options{PATH: []string{"/usr/bin"}, MaxDirs: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Complete || rep.Dirs != 2 || len(rep.Findings) != 2 {
		t.Errorf("got %d directories, complete %v, findings %v; want 2, false, su and the key", rep.Dirs, rep.Complete, rep.Findings)
	}
}
