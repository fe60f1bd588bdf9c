package transform

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// depRewrite is the dependency-first rewrite of one stage: the COPY of the
// whole context moves below the install, and the install reads the
// manifests through bind mounts of the build context. Only the lines from
// the COPY to the install change places; the lines between keep their
// order.
type depRewrite struct {
	edits  []Edit
	move   Move
	change string
}

// depRewriteOf decides whether moving the COPY at instruction whole of st
// below inst gives provably the same image, and returns the rewrite or why
// it is not made.
func depRewriteOf(ctx context.Context, p *Pass, st *Stage, whole int, inst depInstall) (depRewrite, string) {
	if p.Context == nil {
		return depRewrite{}, "the build context could not be read to check the manifests"
	}
	copyIn, runIn := st.Instructions[whole], st.Instructions[inst.index]
	if why := depPlainCopy(p, st, whole); why != "" {
		return depRewrite{}, why
	}
	for _, in := range st.Instructions[whole+1 : inst.index] {
		if !depMovableOver(in.Command) {
			return depRewrite{}, fmt.Sprintf("the %s on line %d, between them, could depend on the sources",
				strings.ToUpper(in.Node.Value), in.Node.StartLine)
		}
	}
	if depInlineAbove(p, copyIn) || depInlineAbove(p, runIn) {
		return depRewrite{}, "an inline exception comment is attached to one of the two instructions"
	}
	if next, ok := depFirstInstall(p, st, inst.index+1); ok {
		return depRewrite{}, fmt.Sprintf("another install follows on line %d", next.line)
	}
	run := runIn.Command.(*instructions.RunCommand)
	r := p.runScript(st, inst.index)
	if r.Heredoc || r.Script == nil || !mountsRead(run) {
		return depRewrite{}, "the install's RUN is a heredoc, a script that cannot be read or has mounts that do not parse"
	}
	for _, m := range instructions.GetMounts(run) {
		if m.Type == instructions.MountTypeBind && m.From == "" {
			return depRewrite{}, "the install's RUN already mounts the build context"
		}
	}
	for _, c := range r.Script.Commands {
		c = c.unwrap()
		if why := depOnlyManifests(c, inst.eco); why != "" {
			return depRewrite{}, why
		}
	}
	if name, ok := depSettingEnv(p.StageEnv(st, inst.index)); ok {
		return depRewrite{}, fmt.Sprintf("the stage sets %s, which can make the install read other files", name)
	}

	var files []string
	var why string
	var err error
	switch inst.eco.name {
	case "npm":
		files, why, err = depNpmFiles(ctx, p.Context)
	case "go":
		files, why, err = depGoFiles(ctx, p.Context)
	case "pip":
		files, why, err = depPipFiles(ctx, p.Context, inst.eco.manifests[0])
	default:
		why = fmt.Sprintf("the rewrite covers npm, Go modules and pip; `%s` is left as written", inst.what)
	}
	if err != nil {
		return depRewrite{}, fmt.Sprintf("the build context could not be read: %v", err)
	}
	if why != "" {
		return depRewrite{}, why
	}

	at, ok := p.keywordEnd(runIn)
	if !ok {
		return depRewrite{}, "the install's RUN could not be edited in place"
	}
	var mounts strings.Builder
	for _, f := range files {
		fmt.Fprintf(&mounts, " --mount=type=bind,source=%s,target=%s", f, f)
	}
	rw := depRewrite{
		edits: []Edit{{Line: runIn.Node.StartLine, Start: at, End: at, Text: mounts.String()}},
		move:  Move{Start: copyIn.Node.StartLine, Split: copyIn.Node.EndLine + 1, End: runIn.Node.EndLine},
	}
	copyText := strings.ToUpper(copyIn.Node.Value) + " " + strings.Join(depArgs(copyIn), " ")
	rw.change = fmt.Sprintf("moved `%s` from line %d below `%s`, to line %d; the install reads %s "+
		"through bind mounts, so a source change no longer invalidates it",
		copyText, copyIn.Node.StartLine, inst.what, rw.move.to(copyIn.Node.StartLine),
		strings.Join(files, ", "))
	return rw, ""
}

// depInlineAbove reports whether the comments right above in hold an inline
// exception, which the move would attach to another instruction.
func depInlineAbove(p *Pass, in Instruction) bool {
	for n := in.Node.StartLine - 1; n > 0; n-- {
		if lineKind(p.Line(n)) != '#' {
			return false
		}
		if strings.Contains(p.Line(n), "safe-dockerfile:") {
			return true
		}
	}
	return false
}

// depPlainCopy says why the COPY at instruction i of st cannot move, or ""
// when it copies the context's root to the working directory with no
// options that the move could change.
func depPlainCopy(p *Pass, st *Stage, i int) string {
	in := st.Instructions[i]
	c, ok := in.Command.(*instructions.CopyCommand)
	if !ok {
		return "the sources come in with ADD, which is left as written"
	}
	if len(in.Node.Heredocs) > 0 || c.Chown != "" || c.Chmod != "" || c.Parents || len(c.ExcludePatterns) > 0 {
		return "the COPY has options (--chown, --chmod, --parents or --exclude) that the move could change"
	}
	if len(c.SourcePaths) != 1 || strings.Contains(c.SourcePaths[0], "$") {
		return "the COPY has more than one source"
	}
	if dest := path.Clean(c.DestPath); dest != "." {
		wd, ok := p.workdirAt(st, i)
		if !ok || dest != wd || strings.Contains(c.DestPath, "$") {
			return "the COPY's destination is not the working directory, where the install reads the manifests"
		}
	}
	return ""
}

// workdirAt returns the working directory before instruction i of st when
// the Dockerfile sets it: the last WORKDIR of st or of the stages it is
// built from.
func (p *Pass) workdirAt(st *Stage, i int) (string, bool) {
	for j := i - 1; j >= 0; j-- {
		w, ok := st.Instructions[j].Command.(*instructions.WorkdirCommand)
		if !ok {
			continue
		}
		dir := w.Path
		if e, err := expand(p.lex, dir, p.StageEnv(st, j)); err == nil {
			dir = e.Value
		}
		if path.IsAbs(dir) {
			return path.Clean(dir), true
		}
		parent, ok := p.workdirAt(st, j)
		return path.Join(parent, dir), ok
	}
	if base, ok := p.BaseStage(st); ok {
		return p.workdirAt(base, len(base.Instructions))
	}
	return "", false
}

// depSettingEnv finds a variable that configures npm, pip or go from
// files: any of them could name a file of the sources.
func depSettingEnv(env vars) (string, bool) {
	var names []string
	for name := range env {
		upper := strings.ToUpper(name)
		if strings.HasPrefix(upper, "PIP_") || strings.HasPrefix(upper, "NPM_CONFIG_") ||
			upper == "GOFLAGS" || upper == "GOWORK" || upper == "GOENV" {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return "", false
	}
	slices.Sort(names)
	return names[0], true
}

// depMovableOver reports whether a COPY of the context may move below an
// instruction of this kind: it neither reads files nor changes where COPY
// puts them.
func depMovableOver(cmd instructions.Command) bool {
	switch cmd.(type) {
	case *instructions.EnvCommand, *instructions.ArgCommand, *instructions.LabelCommand,
		*instructions.ExposeCommand, *instructions.HealthCheckCommand, *instructions.CmdCommand,
		*instructions.EntrypointCommand, *instructions.StopSignalCommand, *instructions.UserCommand,
		*instructions.MaintainerCommand:
		return true
	}
	return false
}

// depNpmOptions are the options of npm ci and npm install that change
// neither what the install reads nor where it writes.
var depNpmOptions = []string{
	"--omit", "--include", "--only", "--production", "--no-audit", "--audit", "--no-fund", "--fund",
	"--ignore-scripts", "--loglevel", "--no-optional", "--legacy-peer-deps", "--prefer-offline",
	"--no-progress", "--progress", "--quiet", "-q", "--silent", "-s", "--no-update-notifier",
	"--update-notifier", "--registry", "--strict-peer-deps", "--foreground-scripts",
}

// depPipOptions are the options of pip install that do the same.
var depPipOptions = []string{
	"-r", "--requirement", "--no-cache-dir", "-U", "--upgrade", "--user", "--no-deps", "-q", "--quiet",
	"--prefer-binary", "--only-binary", "--require-hashes", "--disable-pip-version-check",
	"--break-system-packages", "--root-user-action", "--progress-bar", "--no-warn-script-location",
	"-i", "--index-url", "--extra-index-url", "--no-compile",
}

// depOnlyManifests says why command c, in the RUN of an install from eco,
// could read more than the manifests, or "" when it cannot.
func depOnlyManifests(c command, eco *depEcosystem) string {
	name := c.name()
	words := strings.Join(c.Args, " ")
	if slices.Contains(c.Lit, false) {
		return fmt.Sprintf("`%s` has words that are only known when it runs", words)
	}
	inst, ok := depInstallOf(c)
	if ok && name == "npm" && inst.what != "npm ci" {
		return fmt.Sprintf("`%s` may write package-lock.json, which is mounted read-only; only `npm ci` is moved", words)
	}
	if !ok || inst.eco.name != eco.name {
		switch {
		case name == "npm" && len(c.Args) > 2 && c.Args[1] == "cache" && c.Args[2] == "clean":
			return ""
		case depIsPip(name) && len(c.Args) > 2 && c.Args[1] == "cache" && c.Args[2] == "purge":
			return ""
		}
		return fmt.Sprintf("`%s` runs in the same RUN as the install and may read the sources", words)
	}
	var allowed []string
	switch eco.name {
	case "npm":
		allowed = depNpmOptions
	case "go":
		allowed = []string{"-x", "-json"}
	case "pip":
		allowed = depPipOptions
	default:
		return ""
	}
	args := c.Args[1:]
	if eco.name == "pip" && name != "pip" && !depIsPip(name) {
		args = depPipArgs(c)
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") {
			if eco.name == "pip" && a != "install" && (i == 0 || args[i-1] != "-r" && args[i-1] != "--requirement" &&
				args[i-1] != "-i" && args[i-1] != "--index-url" && args[i-1] != "--extra-index-url") {
				return fmt.Sprintf("`%s` installs %s besides the requirements file", words, a)
			}
			continue
		}
		opt, _, _ := strings.Cut(a, "=")
		if strings.HasPrefix(opt, "-r") && !strings.HasPrefix(opt, "--") {
			opt = "-r"
		}
		if !slices.Contains(allowed, opt) {
			return fmt.Sprintf("`%s`: the option %s is not known to leave the sources alone", words, opt)
		}
	}
	return ""
}

// depPipArgs returns the arguments of pip in python -m pip or uv pip.
func depPipArgs(c command) []string {
	args := c.Args[1:]
	for i, a := range args {
		if depIsPip(strings.TrimPrefix(a, "-m")) || a == "pip" {
			return args[i+1:]
		}
	}
	return args
}

// depNpmLifecycle are the scripts of the root package that npm runs on an
// install; they can read anything.
var depNpmLifecycle = []string{
	"preinstall", "install", "postinstall", "prepare", "preprepare", "postprepare", "prepublish", "dependencies",
}

func depNpmFiles(ctx context.Context, cfs ContextFS) ([]string, string, error) {
	dt, err := cfs.ReadFile(ctx, "package.json")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "package.json is not in the build context", nil
	}
	if err != nil {
		return nil, "", err
	}
	var pkg struct {
		Scripts    map[string]string `json:"scripts"`
		Workspaces json.RawMessage   `json:"workspaces"`
		Deps       map[string]string `json:"dependencies"`
		DevDeps    map[string]string `json:"devDependencies"`
		OptDeps    map[string]string `json:"optionalDependencies"`
	}
	if err := json.Unmarshal(dt, &pkg); err != nil {
		return nil, fmt.Sprintf("package.json does not parse: %v", err), nil
	}
	for _, s := range depNpmLifecycle {
		if _, ok := pkg.Scripts[s]; ok {
			return nil, fmt.Sprintf("package.json has a %q script, which npm runs on install and which may read the sources", s), nil
		}
	}
	if len(pkg.Workspaces) > 0 {
		return nil, "package.json declares workspaces, whose packages are in the sources", nil
	}
	for _, deps := range []map[string]string{pkg.Deps, pkg.DevDeps, pkg.OptDeps} {
		for name, spec := range deps {
			if depLocalSpec(spec) {
				return nil, fmt.Sprintf("the dependency %s comes from a local path (%s)", name, spec), nil
			}
		}
	}
	if ok, err := cfs.Exists(ctx, "binding.gyp"); err != nil || ok {
		return nil, "binding.gyp is in the build context: npm builds the package's native addon from the sources on install", err
	}
	if ok, err := cfs.Exists(ctx, "node_modules"); err != nil || ok {
		return nil, "node_modules is in the build context, so COPY . . would replace what npm installed; " +
			"add it to .dockerignore", err
	}
	files := []string{"package.json"}
	for _, f := range []string{"package-lock.json", "npm-shrinkwrap.json", ".npmrc"} {
		ok, err := cfs.Exists(ctx, f)
		if err != nil {
			return nil, "", err
		}
		if ok {
			files = append(files, f)
		}
	}
	return files, "", nil
}

// depLocalSpec reports whether an npm dependency's version names a path.
func depLocalSpec(spec string) bool {
	for _, p := range []string{"file:", "link:", "portal:", "workspace:", "./", "../", "/", "~/"} {
		if strings.HasPrefix(spec, p) {
			return true
		}
	}
	return false
}

func depGoFiles(ctx context.Context, cfs ContextFS) ([]string, string, error) {
	dt, err := cfs.ReadFile(ctx, "go.mod")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "go.mod is not in the build context", nil
	}
	if err != nil {
		return nil, "", err
	}
	if target, ok := depGoLocalReplace(string(dt)); ok {
		return nil, fmt.Sprintf("go.mod replaces a module with the local directory %s", target), nil
	}
	if ok, err := cfs.Exists(ctx, "go.work"); err != nil || ok {
		return nil, "go.work is in the build context and brings local modules", err
	}
	sum, err := cfs.ReadFile(ctx, "go.sum")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		sum = nil
	case err != nil:
		return nil, "", err
	}
	if missing, ok := depGoSumMissing(string(dt), string(sum)); ok {
		return nil, fmt.Sprintf("go.sum lacks %s, so go mod download would write go.sum, which is mounted read-only", missing), nil
	}
	files := []string{"go.mod"}
	if sum != nil {
		files = append(files, "go.sum")
	}
	return files, "", nil
}

// depGoSumMissing finds a module that go.mod requires and go.sum has no
// checksums for, or reports a go.mod older than Go 1.17, which does not
// list every module the build needs.
func depGoSumMissing(gomod, gosum string) (string, bool) {
	have := map[string]bool{}
	for line := range strings.Lines(gosum) {
		f := strings.Fields(line)
		if len(f) == 3 {
			have[f[0]+" "+f[1]] = true
		}
	}
	for verb, args := range goModDirectives(gomod) {
		switch {
		case verb == "go" && len(args) == 1:
			if v := strings.Split(args[0], "."); len(v) >= 2 && v[0] == "1" && len(v[1]) < 3 {
				if minor, _ := strconv.Atoi(v[1]); minor < 17 {
					return "go.mod says go " + args[0] + " (before 1.17, go.mod does not list every module)", true
				}
			}
		case verb == "require" && len(args) >= 2:
			mod, ver := args[0], args[1]
			if !have[mod+" "+ver] || !have[mod+" "+ver+"/go.mod"] {
				return "the checksums of " + mod + " " + ver, true
			}
		}
	}
	return "", false
}

// depGoLocalReplace finds a replace directive of go.mod whose target is a
// directory rather than a module version.
func depGoLocalReplace(gomod string) (string, bool) {
	for verb, args := range goModDirectives(gomod) {
		if verb != "replace" {
			continue
		}
		_, target, ok := strings.Cut(strings.Join(args, " "), "=>")
		if t := strings.Fields(target); ok && len(t) > 0 &&
			(strings.HasPrefix(t[0], ".") || strings.HasPrefix(t[0], "/")) {
			return t[0], true
		}
	}
	return "", false
}

// goModDirectives yields go.mod's directives, comments left out: each
// one-line directive, and each line of a block ("require ( ... )") with
// the block's verb.
func goModDirectives(gomod string) iter.Seq2[string, []string] {
	return func(yield func(string, []string) bool) {
		block := ""
		for line := range strings.Lines(gomod) {
			line, _, _ = strings.Cut(line, "//")
			f := strings.Fields(line)
			switch {
			case len(f) == 0:
				continue
			case block != "" && f[0] == ")":
				block = ""
				continue
			case block != "":
				if !yield(block, f) {
					return
				}
			case len(f) == 2 && f[1] == "(":
				block = f[0]
			default:
				if !yield(f[0], f[1:]) {
					return
				}
			}
		}
	}
}

// depPipRequirementOptions are the options a requirements file may hold
// without reading other files.
var depPipRequirementOptions = []string{
	"-i", "--index-url", "--extra-index-url", "--prefer-binary", "--only-binary", "--no-binary",
	"--require-hashes", "--pre",
}

func depPipFiles(ctx context.Context, cfs ContextFS, file string) ([]string, string, error) {
	if path.IsAbs(file) || strings.Contains(file, "$") || strings.HasPrefix(path.Clean(file), "..") {
		return nil, fmt.Sprintf("the requirements file %s is not a path in the working directory", file), nil
	}
	file = path.Clean(file)
	dt, err := cfs.ReadFile(ctx, file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, file + " is not in the build context", nil
	}
	if err != nil {
		return nil, "", err
	}
	for line := range strings.Lines(strings.ReplaceAll(string(dt), "\\\n", " ")) {
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "-"):
			opt, _, _ := strings.Cut(strings.Fields(line)[0], "=")
			if !slices.Contains(depPipRequirementOptions, opt) {
				return nil, fmt.Sprintf("%s has the line %q, which reads other files or the sources", file, line), nil
			}
		case strings.HasPrefix(line, ".") || strings.HasPrefix(line, "/") || strings.HasPrefix(line, "~") ||
			strings.Contains(line, "file:") || strings.Contains(line, "@ ."):
			return nil, fmt.Sprintf("%s installs %q from a local path", file, line), nil
		}
	}
	return []string{file}, "", nil
}
