package transform

import (
	"context"
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// HardcodedUID reports files given to a fixed UID and a group other than
// root's. Platforms that run images under an arbitrary UID with group 0
// (OpenShift) then cannot write them.
var HardcodedUID = &Rule{
	ID:      "HardcodedUID",
	Summary: "files a non-root user writes belong to group 0, not to a fixed UID's group",
	Default: ActionWarn,
	Check:   checkHardcodedUID,
}

func checkHardcodedUID(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, st := range p.UsedStages() {
		for i, in := range st.Instructions {
			var flag string
			switch c := in.Command.(type) {
			case *instructions.CopyCommand:
				flag = c.Chown
			case *instructions.AddCommand:
				flag = c.Chown
			case *instructions.RunCommand:
				out = append(out, uidChownFindings(p, st, i)...)
				continue
			}
			if flag == "" {
				continue
			}
			e, err := expand(p.lex, flag, p.StageEnv(st, i))
			if err != nil {
				continue
			}
			// COPY --chown=UID without a group gives the files that UID as
			// their group too.
			uid, gid, ok := strings.Cut(e.Value, ":")
			if !ok {
				gid = uid
			}
			if uidFixed(uid, gid) {
				kw := strings.ToUpper(in.Node.Value)
				out = append(out, uidFinding(in, fmt.Sprintf("%s --chown=%s", kw, e.Value), uid,
					fmt.Sprintf("use `%s --chown=%s:0` and make the files group-writable as needed", kw, uid)))
			}
		}
	}
	return out, nil
}

// uidFixed reports whether an owner names a numeric non-root UID and a
// group other than root's.
func uidFixed(uid, gid string) bool {
	return runtimeIsUID(uid) && strings.Trim(uid, "0") != "" && gid != "0" && gid != "root" &&
		!(runtimeIsUID(gid) && strings.Trim(gid, "0") == "")
}

// uidFinding reports what, an ownership change to uid, with advice fix.
func uidFinding(in Instruction, what, uid, fix string) Finding {
	return Finding{
		Severity: SeverityInfo,
		Location: nodeRange(in.Node),
		Message: fmt.Sprintf("%s ties the files to UID %s and its group: under an arbitrary UID "+
			"with group 0 (OpenShift) the process cannot write them", what, uid),
		Fix: fix,
	}
}

// uidChownFindings reports the chown commands of the RUN at instruction i.
func uidChownFindings(p *Pass, st *Stage, i int) []Finding {
	r := p.runScript(st, i)
	if r.Script == nil {
		return nil
	}
	var out []Finding
	for _, c := range r.Script.Commands {
		c = c.unwrap()
		if c.name() != "chown" {
			continue
		}
		c = runtimeResolve(p, st, i, r, c)
		j := uidOwnerArg(c)
		if j < 0 {
			continue
		}
		owner := c.Args[j]
		uid, gid, ok := strings.Cut(owner, ":")
		if !ok {
			uid, gid, ok = strings.Cut(owner, ".")
		}
		if !ok || !uidFixed(uid, gid) {
			continue
		}
		rest := chownPaths(c, j+1)
		out = append(out, uidFinding(st.Instructions[i], "chown "+owner, uid,
			fmt.Sprintf("give the files group 0 and the owner's rights: `chown -R %s:0 %s && "+
				"chmod -R g=u %s`", uid, rest, rest)))
	}
	return out
}

// chownPaths writes chown's arguments from index from on for the advice,
// with "<path>" for those the rule cannot read.
func chownPaths(c command, from int) string {
	var out []string
	for j := from; j < len(c.Args); j++ {
		if !c.Lit[j] {
			out = append(out, "<path>")
			continue
		}
		if !strings.HasPrefix(c.Args[j], "-") {
			out = append(out, c.Args[j])
		}
	}
	if len(out) == 0 {
		return "<path>"
	}
	return strings.Join(out, " ")
}

// uidOwnerArg returns the index of chown's owner: its first literal argument
// that is not an option, or -1 when --reference gives the owner instead.
func uidOwnerArg(c command) int {
	for j := 1; j < len(c.Args); j++ {
		a := c.Args[j]
		switch {
		case strings.HasPrefix(a, "--reference"):
			return -1
		case a == "--from":
			j++
		case strings.HasPrefix(a, "-"):
		case !c.Lit[j]:
			return -1
		default:
			return j
		}
	}
	return -1
}
