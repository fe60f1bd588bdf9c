package transform

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// CacheMounts gives package-manager steps BuildKit cache mounts, so that a
// rebuild reuses what the last one downloaded and the caches never land in
// a layer. It is off unless the policy asks for it.
var CacheMounts = &Rule{
	ID:      "CacheMounts",
	Summary: "package-manager steps keep their downloads in cache mounts",
	Default: ActionOff,
	Phase:   PhaseMounts,
	Check:   checkCacheMounts,
}

// cacheKind is one package manager's cache.
type cacheKind struct {
	name string
	// dirs are the cached directories; a leading "~/" is the home of the
	// user the RUN runs as, and env names a variable that moves the
	// directory when the stage sets it.
	dirs    []string
	env     string
	sharing string
	// store marks a cache that is also where later steps find what was
	// downloaded (Go modules, Maven, Cargo): taken out of the layer, it
	// must be mounted at every step that uses the tool, and the stage must
	// not be the image or the base of another stage.
	store bool
	uses  func(c command) bool
}

var cacheKinds = []cacheKind{
	{name: "apt", dirs: []string{"/var/cache/apt", "/var/lib/apt/lists"}, sharing: "locked", uses: cacheAptInstall},
	{name: "npm", dirs: []string{"~/.npm"}, env: "npm_config_cache", uses: cacheNpm},
	{name: "pip", dirs: []string{"~/.cache/pip"}, env: "PIP_CACHE_DIR", uses: cachePip},
	{name: "go build", dirs: []string{"~/.cache/go-build"}, env: "GOCACHE", uses: cacheGo},
	{name: "Go modules", dirs: []string{"~/go/pkg/mod"}, env: "GOMODCACHE", store: true, uses: cacheGo},
	{name: "Maven", dirs: []string{"~/.m2/repository"}, store: true, uses: cacheMaven},
	{name: "Cargo", dirs: []string{"~/.cargo/registry", "~/.cargo/git"}, env: "CARGO_HOME", store: true, uses: cacheCargo},
}

func checkCacheMounts(ctx context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, st := range p.UsedStages() {
		for i, in := range st.Instructions {
			if _, ok := in.Command.(*instructions.RunCommand); !ok {
				continue
			}
			if f, ok := cacheFinding(ctx, p, st, i); ok {
				out = append(out, f)
			}
		}
	}
	return out, nil
}

func cacheFinding(ctx context.Context, p *Pass, st *Stage, i int) (Finding, bool) {
	r := p.runScript(st, i)
	in := st.Instructions[i]
	if r.Script == nil || !mountsRead(r.Run) {
		return Finding{}, false
	}
	var names, targets []string
	var mounts strings.Builder
	for _, k := range cacheKinds {
		if !slices.ContainsFunc(r.Script.Commands, func(c command) bool { return k.uses(c.unwrap()) }) {
			continue
		}
		if k.name == "apt" && !cacheAptSelfContained(r.Script) {
			continue // the lists come from an earlier layer; a mount would hide them
		}
		if k.store && !cacheStoreAllowed(ctx, p, st, k) {
			continue
		}
		dirs, ok := cacheDirs(ctx, p, st, i, k)
		if !ok {
			continue
		}
		for _, d := range dirs {
			if cacheMounted(r.Run, d) {
				continue
			}
			targets = append(targets, d)
			fmt.Fprintf(&mounts, " --mount=type=cache,target=%s", d)
			if k.sharing != "" {
				fmt.Fprintf(&mounts, ",sharing=%s", k.sharing)
			}
		}
		if len(targets) > 0 && !slices.Contains(names, k.name) {
			names = append(names, k.name)
		}
	}
	if len(targets) == 0 {
		return Finding{}, false
	}
	f := Finding{
		Severity: SeverityWarning,
		Location: nodeRange(in.Node),
		Message: fmt.Sprintf("the %s downloads of this RUN start from nothing whenever it reruns",
			strings.Join(names, " and ")),
		Fix: "add `" + strings.TrimSpace(mounts.String()) + "` to the RUN",
	}
	if at, ok := p.keywordEnd(in); ok {
		f.Edits = []Edit{{Line: in.Node.StartLine, Start: at, End: at, Text: mounts.String()}}
		f.Change = fmt.Sprintf("added cache mounts on %s: rebuilds reuse the downloads, and they stay out of the image",
			strings.Join(targets, ", "))
	}
	return f, true
}

// cacheDirs returns the directories of kind k for the RUN at instruction i
// of st, or false when they cannot be told: a home directory of a user
// other than root that the stage does not name in HOME.
func cacheDirs(ctx context.Context, p *Pass, st *Stage, i int, k cacheKind) ([]string, bool) {
	env := p.StageEnv(st, i)
	if v, ok := env[k.env]; ok && k.env != "" {
		if !path.IsAbs(v) {
			return nil, false
		}
		if k.env == "CARGO_HOME" {
			return []string{path.Join(v, "registry"), path.Join(v, "git")}, true
		}
		return []string{path.Clean(v)}, true
	}
	home, ok := env["HOME"]
	if !ok {
		user, err := p.userAt(ctx, st, i)
		if err != nil || !isRoot(user) {
			return nil, false
		}
		home = "/root"
	}
	if k.name == "Go modules" {
		if gopath, ok := env["GOPATH"]; ok {
			return []string{path.Join(gopath, "pkg/mod")}, path.IsAbs(gopath)
		}
	}
	var out []string
	for _, d := range k.dirs {
		if rest, ok := strings.CutPrefix(d, "~/"); ok {
			d = path.Join(home, rest)
		}
		out = append(out, d)
	}
	return out, path.IsAbs(home)
}

// userAt returns the user instruction i of st runs as.
func (p *Pass) userAt(ctx context.Context, st *Stage, i int) (string, error) {
	for j := i - 1; j >= 0; j-- {
		if u, ok := st.Instructions[j].Command.(*instructions.UserCommand); ok {
			e, err := expand(p.lex, u.User, p.StageEnv(st, j))
			return e.Value, err
		}
	}
	src, err := p.finalUser(ctx, &Stage{Stage: st.Stage, Index: st.Index, From: st.From}, 0)
	if err != nil || src.user == unknownUser {
		return "", fmt.Errorf("the user of %s is not known", st.BaseName)
	}
	return src.user, nil
}

// mountsRead reports whether the RUN's --mount flags were understood:
// BuildKit parses them when it expands the RUN (see Pass.expandMounts),
// and a flag that does not parse leaves mounts without a target, which
// BuildKit then rejects; nothing is added next to them.
func mountsRead(run *instructions.RunCommand) bool {
	for _, m := range instructions.GetMounts(run) {
		if m.Target == "" {
			return false
		}
	}
	return true
}

// cacheMounted reports whether the RUN mounts something at dir or above it.
func cacheMounted(run *instructions.RunCommand, dir string) bool {
	for _, m := range instructions.GetMounts(run) {
		t := path.Clean(m.Target)
		if t == dir || strings.HasPrefix(dir, t+"/") || t == "/" {
			return true
		}
	}
	return false
}

// cacheStoreAllowed reports whether a store cache may leave the layers of
// st: st is not the image being built, no stage is built FROM it, and
// every RUN of st that uses the tool gets the same mount.
func cacheStoreAllowed(ctx context.Context, p *Pass, st *Stage, k cacheKind) bool {
	if st == p.Target {
		return false
	}
	for _, other := range p.Stages {
		if base, ok := p.BaseStage(other); ok && base == st {
			return false
		}
	}
	var want []string
	for i, in := range st.Instructions {
		if _, ok := in.Command.(*instructions.RunCommand); !ok {
			continue
		}
		r := p.runScript(st, i)
		if r.Script == nil {
			return false // an unread RUN might use the tool
		}
		if !slices.ContainsFunc(r.Script.Commands, func(c command) bool { return k.uses(c.unwrap()) }) {
			continue
		}
		dirs, ok := cacheDirs(ctx, p, st, i, k)
		if _, editable := p.keywordEnd(in); !ok || !editable || want != nil && !slices.Equal(dirs, want) {
			return false
		}
		want = dirs
	}
	return true
}

func cacheAptInstall(c command) bool {
	switch c.name() {
	case "apt-get", "apt":
		switch aptVerb(c) {
		case "install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep":
			return true
		}
	}
	return false
}

// cacheAptSelfContained reports whether the script updates the package
// lists before it installs, so it does not need the lists of a layer.
func cacheAptSelfContained(s *script) bool {
	for _, c := range s.Commands {
		c = c.unwrap()
		switch {
		case (c.name() == "apt-get" || c.name() == "apt") && aptVerb(c) == "update":
			return true
		case cacheAptInstall(c):
			return false
		}
	}
	return false
}

func cacheNpm(c command) bool {
	if c.name() != "npm" || len(c.Args) < 2 {
		return false
	}
	ops := depOperands(c.Args[1:])
	return len(ops) > 0 && (ops[0] == "ci" || ops[0] == "install" || ops[0] == "i")
}

func cachePip(c command) bool {
	if _, ok := depPipInstall(c); !ok && !(depIsPip(c.name()) && slices.Contains(c.Args, "install")) {
		return false
	}
	return !slices.Contains(c.Args, "--no-cache-dir")
}

func cacheGo(c command) bool {
	if c.name() != "go" || len(c.Args) < 2 {
		return false
	}
	switch c.Args[1] {
	case "build", "install", "test", "run", "get", "generate", "vet":
		return true
	case "mod":
		return len(c.Args) > 2 && (c.Args[2] == "download" || c.Args[2] == "tidy")
	}
	return false
}

func cacheMaven(c command) bool {
	return c.name() == "mvn" || c.name() == "mvnw"
}

func cacheCargo(c command) bool {
	return c.name() == "cargo" && len(c.Args) > 1 && c.Args[1] != "--version"
}
