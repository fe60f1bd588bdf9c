package tests

import (
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The optimisations of issue 6, each built through our frontend and
// through the stock one side by side.

// fakeNpm stands in for npm: it records what the install saw in the
// working directory and leaves a token that is new every time it runs, so
// the image shows whether the install ran again or came from the cache.
const fakeNpm = `FROM 127.0.0.1:5000/busybox:1.35
RUN printf '#!/bin/sh\nls -A > /npm-saw\ncat /proc/sys/kernel/random/uuid > /deps-token\nmkdir -p node_modules\necho "module.exports = 1" > node_modules/dep.js\n' > /bin/npm && chmod 755 /bin/npm
WORKDIR /app
`

var npmApp = map[string]string{
	"package.json":      `{"name": "app", "version": "1.0.0", "dependencies": {"ms": "^2.1.3"}}` + "\n",
	"package-lock.json": `{"name": "app", "lockfileVersion": 3, "packages": {}}` + "\n",
	"server.js":         "console.log('hello')\n",
	".dockerignore":     ".git\nnode_modules\n",
}

func TestDependencyOrderRewrite(t *testing.T) {
	needBuildKit(t)
	dockerfile := fakeNpm + "COPY . .\nRUN npm ci\nUSER 10001\n"
	changed := maps.Clone(npmApp)
	changed["server.js"] = "console.log('hello, world')\n"
	newDep := maps.Clone(npmApp)
	newDep["package.json"] = `{"name": "app", "version": "1.0.0", "dependencies": {"ms": "^2.1.3", "is-number": "^7.0.0"}}` + "\n"

	sides := map[string]string{"ours": frontendImage, "stock": stockImage}
	out := map[string][]string{} // side -> exported filesystems: first build, source change, new dependency
	for side, frontend := range sides {
		for i, files := range []map[string]string{npmApp, changed, newDep} {
			dir := t.TempDir()
			res := run(t, buildx, build{Dockerfile: dockerfile, Files: files, Local: dir, Frontend: frontend})
			res.mustSucceed(t)
			if side == "ours" && i == 0 {
				res.mustSay(t, "DependencyOrder: fixed:", "moved `COPY . .` from line 5 below `npm ci`, to line 6")
			}
			out[side] = append(out[side], dir)
		}
	}

	// Ours ran the install with the manifests alone; stock with the sources.
	if got := readFile(t, out["ours"][0], "npm-saw"); got != "package-lock.json\npackage.json\n" {
		t.Errorf("our install saw %q, want the two manifests only", got)
	}
	if got := readFile(t, out["stock"][0], "npm-saw"); !strings.Contains(got, "server.js") {
		t.Errorf("the stock install saw %q, want the whole context", got)
	}
	token := func(side string, i int) string { return readFile(t, out[side][i], "deps-token") }
	if token("ours", 0) != token("ours", 1) {
		t.Errorf("a source change ran our install again")
	}
	if token("stock", 0) == token("stock", 1) {
		t.Errorf("a source change did not run the stock install again: the test proves nothing")
	}
	if token("ours", 1) == token("ours", 2) {
		t.Errorf("a new dependency did not run our install again")
	}
	if got := readFile(t, out["ours"][1], "app/server.js"); got != changed["server.js"] {
		t.Errorf("our image has server.js %q, want the changed source", got)
	}
	for i := range out["ours"] {
		sameFiles(t, out["stock"][i], out["ours"][i], nil)
	}
}

func TestDependencyOrderRefused(t *testing.T) {
	needBuildKit(t)
	dir := t.TempDir()
	res := run(t, buildx, build{
		Dockerfile: fakeNpm + "COPY . .\nRUN npm ci && npm run build\nUSER 10001\n",
		Files:      npmApp,
		Local:      dir,
	})
	res.mustSucceed(t)
	res.mustSay(t, "DependencyOrder:", "not rewritten: `npm run build` runs in the same RUN as the install")
	if got := readFile(t, dir, "npm-saw"); !strings.Contains(got, "server.js") {
		t.Errorf("the install saw %q: the order was changed", got)
	}
}

// aptPolicy turns the two optimisations on for a build.
const aptPolicy = trustLocalRegistry + "rules:\n  CacheMounts: fix\n  MergeRuns: fix\n"

func TestCacheMountsAndMergeRuns(t *testing.T) {
	needBuildKit(t)
	dockerfile := `FROM 127.0.0.1:5000/debian:bookworm
RUN apt-get update
RUN apt-get install -y --no-install-recommends hello
USER 10001
`
	files := map[string]string{".safe-dockerfile.yaml": aptPolicy, ".dockerignore": ".git\n"}
	dirs := map[string]string{}
	for side, frontend := range map[string]string{"ours": frontendImage, "stock": stockImage} {
		dirs[side] = t.TempDir()
		res := run(t, buildx, build{Dockerfile: dockerfile, Files: files, Frontend: frontend,
			Push: "optimise-apt:" + side})
		res.mustSucceed(t)
		if side == "ours" {
			res.mustSay(t, "MergeRuns: fixed:", "joined the RUNs on lines 3-4",
				"CacheMounts: fixed:", "/var/cache/apt, /var/lib/apt/lists")
		}
		run(t, buildx, build{Dockerfile: dockerfile, Files: files, Frontend: frontend, Local: dirs[side]}).mustSucceed(t)
	}

	ours, stock := layersOf(t, "optimise-apt", "ours"), layersOf(t, "optimise-apt", "stock")
	if len(ours) != len(stock)-1 {
		t.Errorf("ours has %d layers, stock %d: want one fewer", len(ours), len(stock))
	}
	if sum(ours) >= sum(stock) {
		t.Errorf("ours is %d bytes, stock %d: want it smaller", sum(ours), sum(stock))
	}
	if readFile(t, dirs["ours"], "usr/bin/hello") == "" {
		t.Errorf("hello is not installed")
	}
	removed := sameFiles(t, dirs["stock"], dirs["ours"], []string{"var/lib/apt/lists/", "var/cache/apt/"})
	if !slices.ContainsFunc(removed, func(p string) bool { return strings.HasSuffix(p, ".deb") }) {
		t.Errorf("the stock image has no downloaded package for the mount to keep out: %v", removed)
	}
}

// sameFiles compares the file trees of two exported images by path, type
// and permissions. Only paths under one of the cache prefixes may be in
// stock and not in ours, or differ (apt makes its partial directories
// private when it downloads into them); it returns those missing in ours.
func sameFiles(t *testing.T, stock, ours string, caches []string) []string {
	t.Helper()
	a, b := fileList(t, stock), fileList(t, ours)
	var removed []string
	for p, mode := range a {
		other, ok := b[p]
		cache := slices.ContainsFunc(caches, func(c string) bool { return strings.HasPrefix(p, c) })
		switch {
		case ok && other != mode && !cache:
			t.Errorf("%s is %v in ours, %v in stock", p, other, mode)
		case !ok && cache:
			removed = append(removed, p)
		case !ok:
			t.Errorf("%s is in the stock image and not in ours", p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			t.Errorf("%s is in our image and not in stock's", p)
		}
	}
	return removed
}

func fileList(t *testing.T, root string) map[string]fs.FileMode {
	t.Helper()
	out := map[string]fs.FileMode{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = info.Mode()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// layersOf returns the compressed sizes of the layers of name:tag.
func layersOf(t *testing.T, name, tag string) []int64 {
	t.Helper()
	var out []int64
	for _, l := range manifestOf(t, name, tag).Layers {
		out = append(out, l.Size)
	}
	return out
}

func sum(xs []int64) int64 {
	var n int64
	for _, x := range xs {
		n += x
	}
	return n
}
