package transform

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// NonNumericUser wants the image's user given as a number when the policy
// asks for it: a platform that must prove the container does not run as
// root (Kubernetes runAsNonRoot) cannot resolve a name.
var NonNumericUser = &Rule{
	ID:      "NonNumericUser",
	Summary: "the image's USER is a numeric UID",
	Default: ActionWarn,
	Check:   checkNonNumericUser,
}

func checkNonNumericUser(ctx context.Context, p *Pass) ([]Finding, error) {
	if !p.NumericUser || runtimeWindows(p) {
		return nil, nil
	}
	src, err := p.finalUser(ctx, p.Target, 0)
	if err != nil {
		return nil, err
	}
	name, _, _ := strings.Cut(src.user, ":")
	if isRoot(src.user) || src.user == "(unknown)" || runtimeIsUID(name) {
		return nil, nil
	}

	const why = ": Kubernetes runAsNonRoot cannot verify a name is not root"
	f := Finding{
		Severity: SeverityWarning,
		Location: nodeRange(p.Target.From),
		Message: fmt.Sprintf("%s runs as the user %q of its base image %s, not a numeric UID",
			stageLabel(p.Target), src.user, src.image) + why,
		Fix: fmt.Sprintf("create the user with a fixed UID (`useradd --uid 10001 %s`) and write "+
			"`USER 10001`", name),
	}
	if src.node != nil {
		f.Location = nodeRange(src.node)
		f.Message = fmt.Sprintf("USER %s names a user, not a numeric UID", src.user) + why
	}
	if uid, line, ok := runtimeCreatedUID(p, name); ok {
		f.Fix = fmt.Sprintf("write `USER %s`: line %d creates %s with UID %s", uid, line, name, uid)
	} else if uid, ok := wellKnownUIDs[name]; ok {
		f.Fix = fmt.Sprintf("write `USER %s`, the UID %s has in the usual base images "+
			"(check with `id -u %s` in the image)", uid, name, name)
	}
	return []Finding{f}, nil
}

// wellKnownUIDs are users whose UID is the same across the usual base
// images.
var wellKnownUIDs = map[string]string{"nobody": "65534", "nonroot": "65532"}

// runtimeWindows reports whether the target is a Windows image, where
// users are names and runAsNonRoot does not apply.
func runtimeWindows(p *Pass) bool {
	if strings.EqualFold(p.TargetPlatform().OS, "windows") {
		return true
	}
	sh := p.shellAt(p.Target, len(p.Target.Instructions))
	prog := path.Base(strings.ReplaceAll(sh[0], `\`, "/"))
	switch strings.TrimSuffix(strings.ToLower(prog), ".exe") {
	case "cmd", "powershell", "pwsh":
		return true
	}
	return false
}

// runtimeIsUID reports whether s is a numeric user or group ID.
func runtimeIsUID(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// runtimeUserValueOptions are the options of useradd and adduser (shadow,
// Debian and BusyBox) that take the next word as their value.
var runtimeUserValueOptions = map[string]bool{
	"-b": true, "-c": true, "-d": true, "-e": true, "-f": true, "-g": true, "-G": true,
	"-k": true, "-K": true, "-p": true, "-s": true, "-u": true, "-Z": true, "-R": true,
	"-P": true, "-h": true, "--base-dir": true, "--comment": true, "--home-dir": true,
	"--expiredate": true, "--inactive": true, "--gid": true, "--groups": true,
	"--skel": true, "--key": true, "--password": true, "--shell": true, "--uid": true,
	"--selinux-user": true, "--root": true, "--prefix": true, "--home": true,
	"--ingroup": true, "--gecos": true, "--firstuid": true, "--lastuid": true,
	"--conf": true,
}

// runtimeCreatedUID finds a useradd or adduser in the target stage or the
// stages it inherits from that creates name with a known UID, and its line.
func runtimeCreatedUID(p *Pass, name string) (string, int, bool) {
	for _, st := range runtimeChain(p, p.Target) {
		for i, in := range st.Instructions {
			if _, ok := in.Command.(*instructions.RunCommand); !ok {
				continue
			}
			r := p.runScript(st, i)
			if r.Script == nil {
				continue
			}
			for _, c := range r.Script.Commands {
				c = runtimeResolve(p, st, i, r, c.unwrap())
				if user, uid := runtimeUserAdd(c); user == name && uid != "" {
					return uid, in.Node.StartLine, true
				}
			}
		}
	}
	return "", 0, false
}

// runtimeUserAdd returns the user that a useradd or adduser creates and the
// numeric UID it gives, if the command says.
func runtimeUserAdd(c command) (user, uid string) {
	if c.name() != "useradd" && c.name() != "adduser" {
		return "", ""
	}
	var ops []string
	for i := 1; i < len(c.Args); i++ {
		a := c.Args[i]
		switch {
		case a == "-u" || a == "--uid":
			if i+1 < len(c.Args) && runtimeIsUID(c.Args[i+1]) {
				uid = c.Args[i+1]
			}
			i++
		case strings.HasPrefix(a, "--uid="):
			if v := strings.TrimPrefix(a, "--uid="); runtimeIsUID(v) {
				uid = v
			}
		case runtimeUserValueOptions[a]:
			i++
		case strings.HasPrefix(a, "-"):
		default:
			if !c.Lit[i] {
				return "", ""
			}
			ops = append(ops, a)
		}
	}
	if len(ops) == 0 {
		return "", ""
	}
	if c.name() == "useradd" {
		return ops[len(ops)-1], uid
	}
	return ops[0], uid
}
