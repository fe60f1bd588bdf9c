package transform

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// DependencyOrder wants dependencies installed from their manifests before
// the rest of the sources are copied, so that the install layer stays
// cached while only the sources change. Where the install provably reads
// nothing but the manifests, it fixes the order (see depRewriteOf).
var DependencyOrder = &Rule{
	ID:      "DependencyOrder",
	Summary: "dependencies are installed from the manifests before COPY . copies the sources",
	Default: ActionFix,
	Check:   checkDependencyOrder,
}

// depEcosystem is a package manager: the manifests its install reads, and the
// cache-friendly order written out.
type depEcosystem struct {
	name      string
	manifests []string // file names or patterns
	copy      string   // the COPY of the manifests alone
	install   string   // the install to run before COPY . .
}

var (
	depEcoNpm = &depEcosystem{
		name:      "npm",
		manifests: []string{"package.json", "package-lock.json", "npm-shrinkwrap.json"},
		copy:      "COPY package.json package-lock.json ./",
		install:   "RUN npm ci",
	}
	depEcoYarn = &depEcosystem{
		name:      "yarn",
		manifests: []string{"package.json", "yarn.lock"},
		copy:      "COPY package.json yarn.lock ./",
		install:   "RUN yarn install --frozen-lockfile",
	}
	depEcoPnpm = &depEcosystem{
		name:      "pnpm",
		manifests: []string{"package.json", "pnpm-lock.yaml"},
		copy:      "COPY package.json pnpm-lock.yaml ./",
		install:   "RUN pnpm install --frozen-lockfile",
	}
	depEcoPip = &depEcosystem{
		name:      "pip",
		manifests: []string{"requirements*.txt"},
		copy:      "COPY requirements.txt ./",
		install:   "RUN pip install -r requirements.txt",
	}
	depEcoPipenv = &depEcosystem{
		name:      "pipenv",
		manifests: []string{"Pipfile", "Pipfile.lock"},
		copy:      "COPY Pipfile Pipfile.lock ./",
		install:   "RUN pipenv install --deploy",
	}
	depEcoPoetry = &depEcosystem{
		name:      "poetry",
		manifests: []string{"pyproject.toml", "poetry.lock"},
		copy:      "COPY pyproject.toml poetry.lock ./",
		install:   "RUN poetry install --no-root",
	}
	depEcoUv = &depEcosystem{
		name:      "uv",
		manifests: []string{"pyproject.toml", "uv.lock"},
		copy:      "COPY pyproject.toml uv.lock ./",
		install:   "RUN uv sync --frozen --no-install-project",
	}
	depEcoGo = &depEcosystem{
		name:      "go",
		manifests: []string{"go.mod", "go.sum"},
		copy:      "COPY go.mod go.sum ./",
		install:   "RUN go mod download",
	}
	depEcoBundler = &depEcosystem{
		name:      "bundler",
		manifests: []string{"Gemfile", "Gemfile.lock"},
		copy:      "COPY Gemfile Gemfile.lock ./",
		install:   "RUN bundle install",
	}
	depEcoMaven = &depEcosystem{
		name:      "maven",
		manifests: []string{"pom.xml"},
		copy:      "COPY pom.xml ./",
		install:   "RUN mvn -B dependency:go-offline",
	}
	depEcoCargo = &depEcosystem{
		name:      "cargo",
		manifests: []string{"Cargo.toml", "Cargo.lock"},
		copy:      "COPY Cargo.toml Cargo.lock ./",
		install:   "RUN cargo fetch",
	}
	depEcoComposer = &depEcosystem{
		name:      "composer",
		manifests: []string{"composer.json", "composer.lock"},
		copy:      "COPY composer.json composer.lock ./",
		install:   "RUN composer install --no-scripts --no-autoloader",
	}
	depEcoDotnet = &depEcosystem{
		name: "dotnet",
		manifests: []string{
			"*.csproj", "*.fsproj", "*.vbproj", "*.sln", "NuGet.config", "Directory.*.props",
		},
		copy:    "COPY *.csproj ./",
		install: "RUN dotnet restore",
	}
)

// depInstall is one install found in a RUN.
type depInstall struct {
	eco       *depEcosystem
	what      string // the command as the message shows it
	manifests []string
	index     int // of the RUN in its stage
	line      int
}

func checkDependencyOrder(ctx context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, st := range p.UsedStages() {
		if f, ok := depOrderFinding(ctx, p, st); ok {
			out = append(out, f)
		}
	}
	return out, nil
}

func depOrderFinding(ctx context.Context, p *Pass, st *Stage) (Finding, bool) {
	whole := -1
	for i := range st.Instructions {
		if ok, _ := runtimeWholeContext(p, st, i); ok {
			whole = i
			break
		}
	}
	if whole < 0 {
		return Finding{}, false
	}
	inst, ok := depFirstInstall(p, st, whole+1)
	if !ok || depManifestCopied(p, st, whole, inst.manifests) ||
		depPrepared(p, st, inst.index, inst.manifests) {
		return Finding{}, false
	}

	in := st.Instructions[whole]
	copyText := strings.ToUpper(in.Node.Value) + " " + strings.Join(depArgs(in), " ")
	f := Finding{
		Severity: SeverityWarning,
		Location: nodeRange(in.Node),
		Message: fmt.Sprintf("%s copies the whole context before `%s` on line %d installs "+
			"the dependencies: every source change invalidates the install layer",
			copyText, inst.what, inst.line),
		Fix: fmt.Sprintf("copy the manifests and install first, then the sources: `%s`, `%s`, then `%s`",
			inst.eco.copy, inst.eco.install, copyText),
	}
	rw, why := depRewriteOf(ctx, p, st, whole, inst)
	if why != "" {
		f.Message += "; not rewritten: " + why
		return f, true
	}
	f.Edits, f.Move, f.Change = rw.edits, &rw.move, rw.change
	return f, true
}

// depArgs returns the instruction's words after the keyword, flags left out.
func depArgs(in Instruction) []string {
	var out []string
	for n := in.Node.Next; n != nil; n = n.Next {
		out = append(out, n.Value)
	}
	return out
}

// depFirstInstall finds the first dependency install in a RUN of st from
// instruction from on.
func depFirstInstall(p *Pass, st *Stage, from int) (depInstall, bool) {
	for i := from; i < len(st.Instructions); i++ {
		if _, ok := st.Instructions[i].Command.(*instructions.RunCommand); !ok {
			continue
		}
		r := p.runScript(st, i)
		if r.Script == nil {
			continue
		}
		for _, c := range r.Script.Commands {
			if inst, ok := depInstallOf(c.unwrap()); ok {
				inst.index, inst.line = i, st.Instructions[i].Node.StartLine
				return inst, true
			}
		}
	}
	return depInstall{}, false
}

// depManifestCopied reports whether a COPY or ADD from the context before
// instruction end of st brought one of the manifests.
func depManifestCopied(p *Pass, st *Stage, end int, manifests []string) bool {
	for i := range end {
		for _, src := range runtimeCopySources(p, st, i) {
			for _, m := range manifests {
				if depBrings(src, m) {
					return true
				}
			}
		}
	}
	return false
}

// depPrepared reports whether the dependencies come ready from other
// stages: a stage that st is built FROM, or that st copies from before
// instruction end, copied the manifests on their own (a "deps" stage).
func depPrepared(p *Pass, st *Stage, end int, manifests []string) bool {
	var from []*Stage
	from = append(from, runtimeChain(p, st)[1:]...)
	for i, in := range st.Instructions[:end] {
		c, ok := in.Command.(*instructions.CopyCommand)
		if !ok || c.From == "" {
			continue
		}
		e, err := expand(p.lex, c.From, p.StageEnv(st, i))
		if err != nil {
			continue
		}
		if dep, ok := p.StageBefore(e.Value, st.Index, true); ok {
			from = append(from, runtimeChain(p, dep)...)
		}
	}
	for _, dep := range from {
		if depManifestCopied(p, dep, len(dep.Instructions), manifests) {
			return true
		}
	}
	return false
}

// depBrings reports whether copying src copies the manifest m: the same file
// name (either may be a pattern), or a directory that holds m.
func depBrings(src, m string) bool {
	sb, mb := path.Base(path.Clean(src)), path.Base(m)
	if sb == "*" {
		return false // the whole context, not the manifests alone
	}
	if ok, _ := path.Match(sb, mb); ok {
		return true
	}
	if ok, _ := path.Match(mb, sb); ok {
		return true
	}
	dir := path.Clean(src)
	return strings.Contains(m, "/") && dir != "." && strings.HasPrefix(path.Clean(m), dir+"/")
}

// depValueOptions are options of npm, yarn and pnpm that take the next
// word as their value, so that it is not read as a package name.
var depValueOptions = map[string]bool{
	"--prefix": true, "--omit": true, "--include": true, "--registry": true,
	"--cache": true, "--loglevel": true, "-w": true, "--workspace": true,
	"--cache-folder": true, "--modules-folder": true, "--network-timeout": true,
	"--filter": true, "-C": true, "--dir": true, "--cwd": true,
}

// depOperands returns the arguments that are neither options nor their
// values.
func depOperands(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case depValueOptions[a]:
			i++
		case !strings.HasPrefix(a, "-"):
			out = append(out, a)
		}
	}
	return out
}

// depInstallOf reports whether c installs dependencies from a manifest.
func depInstallOf(c command) (depInstall, bool) {
	name := c.name()
	if len(c.Args) == 0 {
		return depInstall{}, false
	}
	ops := depOperands(c.Args[1:])
	verb := ""
	if len(ops) > 0 {
		verb = ops[0]
	}
	found := func(eco *depEcosystem, what string) (depInstall, bool) {
		return depInstall{eco: eco, what: what, manifests: eco.manifests}, true
	}

	switch {
	case name == "npm" && verb == "ci":
		return found(depEcoNpm, "npm ci")
	case name == "npm" && (verb == "install" || verb == "i") && len(ops) == 1:
		return found(depEcoNpm, "npm "+verb)
	case name == "yarn" && (len(ops) == 0 || verb == "install" && len(ops) == 1):
		return found(depEcoYarn, strings.TrimSpace("yarn "+verb))
	case name == "pnpm" && (verb == "install" || verb == "i") && len(ops) == 1:
		return found(depEcoPnpm, "pnpm "+verb)
	case name == "pipenv" && verb == "install" && len(ops) == 1:
		return found(depEcoPipenv, "pipenv install")
	case name == "poetry" && verb == "install":
		return found(depEcoPoetry, "poetry install")
	case name == "uv" && verb == "sync":
		return found(depEcoUv, "uv sync")
	case name == "go" && verb == "mod" && len(ops) > 1 && ops[1] == "download":
		return found(depEcoGo, "go mod download")
	case name == "bundle" && (len(ops) == 0 || verb == "install"):
		return found(depEcoBundler, "bundle install")
	case name == "mvn" || name == "mvnw":
		for _, a := range ops {
			if strings.HasSuffix(a, ":go-offline") || strings.HasSuffix(a, "dependency:resolve") {
				return found(depEcoMaven, "mvn "+a)
			}
		}
	case name == "cargo" && (verb == "fetch" || verb == "build"):
		return found(depEcoCargo, "cargo "+verb)
	case name == "composer" && verb == "install":
		return found(depEcoComposer, "composer install")
	case name == "dotnet" && verb == "restore":
		return found(depEcoDotnet, "dotnet restore")
	}
	return depPipInstall(c)
}

// depPipInstall reports a pip install -r, also as python -m pip or uv pip.
func depPipInstall(c command) (depInstall, bool) {
	if len(c.Args) == 0 {
		return depInstall{}, false
	}
	args := c.Args[1:]
	name := c.name()
	switch {
	case strings.HasPrefix(name, "python") && len(args) > 1 && args[0] == "-m" && depIsPip(args[1]):
		args = args[2:]
	case strings.HasPrefix(name, "python") && len(args) > 0 && strings.HasPrefix(args[0], "-m") &&
		depIsPip(strings.TrimPrefix(args[0], "-m")):
		args = args[1:]
	case name == "uv" && len(args) > 0 && args[0] == "pip":
		args = args[1:]
	case depIsPip(name):
	default:
		return depInstall{}, false
	}
	if len(args) == 0 || args[0] != "install" && runtimeOperand(args) != "install" {
		return depInstall{}, false
	}
	for i, a := range args {
		var file string
		switch {
		case (a == "-r" || a == "--requirement") && i+1 < len(args):
			file = args[i+1]
		case strings.HasPrefix(a, "--requirement="):
			file = strings.TrimPrefix(a, "--requirement=")
		case strings.HasPrefix(a, "-r") && !strings.HasPrefix(a, "--"):
			file = strings.TrimPrefix(a, "-r")
		default:
			continue
		}
		if file == "" {
			return depInstall{eco: depEcoPip, what: "pip install -r", manifests: depEcoPip.manifests}, true
		}
		dest := "./"
		if dir := path.Dir(file); dir != "." {
			dest = strings.TrimPrefix(dir, "/") + "/"
			if !path.IsAbs(dir) {
				dest = "./" + dest
			}
		}
		eco := &depEcosystem{
			name:      "pip",
			manifests: []string{file},
			copy:      "COPY " + strings.TrimPrefix(file, "/") + " " + dest,
			install:   "RUN pip install -r " + file,
		}
		if path.IsAbs(file) {
			eco.copy = "COPY " + path.Base(file) + " " + path.Dir(file) + "/"
		}
		return depInstall{eco: eco, what: "pip install -r " + file, manifests: eco.manifests}, true
	}
	return depInstall{}, false
}

// depIsPip reports whether name is pip, as pip, pip3 or pip3.12.
func depIsPip(name string) bool {
	rest, ok := strings.CutPrefix(name, "pip")
	return ok && strings.Trim(rest, "0123456789.") == ""
}
