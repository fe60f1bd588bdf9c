package transform

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// SecretFileCopied wants no credential file copied into an image layer.
var SecretFileCopied = &Rule{
	ID:      "SecretFileCopied",
	Summary: "COPY and ADD do not put key, token or credential files into a layer",
	Default: ActionFix,
	Check:   checkSecretFileCopied,
}

func checkSecretFileCopied(_ context.Context, p *Pass) ([]Finding, error) {
	shipped := securityShipped(p)
	var out []Finding
	for _, st := range p.UsedStages() {
		for _, in := range st.Instructions {
			kw, srcs, dest, ok := secretCopyArgs(in)
			if !ok {
				continue
			}
			name, kind, ok := secretCopied(srcs, dest)
			if !ok {
				continue
			}
			f := Finding{
				Severity: SeverityError,
				Location: nodeRange(in.Node),
				Message:  fmt.Sprintf("%s of %s puts %s into the image layer", kw, name, kind),
				Fix:      secretFileHint(kind),
			}
			if !shipped[st.Index] {
				f.Severity = SeverityWarning
				f.Message = fmt.Sprintf("%s of %s puts %s into a layer of %s, kept in the build cache",
					kw, name, kind, stageLabel(st))
			}
			out = append(out, f)
		}
	}
	return out, nil
}

// secretCopyArgs returns the keyword, sources and destination of a COPY
// or ADD.
func secretCopyArgs(in Instruction) (string, []string, string, bool) {
	switch c := in.Command.(type) {
	case *instructions.CopyCommand:
		return "COPY", c.SourcePaths, c.DestPath, true
	case *instructions.AddCommand:
		var local []string
		for _, s := range c.SourcePaths {
			if !isURL(s) {
				local = append(local, s)
			}
		}
		return "ADD", local, c.DestPath, true
	}
	return "", nil, "", false
}

// secretCopied returns the first source that names a secret file, else
// the destination when it names one: `COPY npmrc /root/.npmrc` writes
// .npmrc just the same.
func secretCopied(srcs []string, dest string) (string, string, bool) {
	if len(srcs) == 1 && secretPublicDest(dest) {
		return "", "", false
	}
	for _, s := range srcs {
		if kind, ok := securitySecretFile(s); ok {
			return s, kind, true
		}
	}
	if len(srcs) > 1 || strings.HasSuffix(dest, "/") || dest == "." {
		return "", "", false
	}
	if kind, ok := securitySecretFile(dest); ok {
		name := "a file to " + dest
		if len(srcs) == 1 {
			name = fmt.Sprintf("%s to %s", srcs[0], dest)
		}
		return name, kind, true
	}
	return "", "", false
}

// secretFileHint says how to give a build a secret without a layer.
func secretFileHint(kind string) string {
	if strings.Contains(kind, "SSH") && !strings.Contains(kind, "host") {
		return "use `RUN --mount=type=ssh` for the steps that need the key (`docker buildx build " +
			"--ssh default`), and keep the key out of the context with .dockerignore"
	}
	return "mount it only in the RUN that needs it: `RUN --mount=type=secret,id=NAME,target=PATH` " +
		"with `docker buildx build --secret id=NAME,src=FILE`, and keep it out of the build " +
		"context with .dockerignore; files needed at run time belong in a runtime secret or volume"
}

// secretDestPath returns where a copied source lands in the image,
// relative paths read from workdir.
func secretDestPath(src, dest, workdir string, many bool) string {
	dir := many || strings.HasSuffix(dest, "/") || strings.HasSuffix(dest, "/.") || dest == "."
	if !path.IsAbs(dest) {
		dest = path.Join(workdir, dest)
	}
	if dir {
		return path.Join(dest, path.Base(strings.TrimRight(src, "/")))
	}
	return path.Clean(dest)
}

// secretPublicDest reports whether a destination file's name says it is
// public: `COPY release.key /etc/keys/repo.pub` copies a public key.
func secretPublicDest(dest string) bool {
	if strings.HasSuffix(dest, "/") {
		return false
	}
	base := strings.ToLower(path.Base(dest))
	switch path.Ext(base) {
	case ".pub", ".asc", ".gpg", ".crt", ".cer":
		return true
	}
	return strings.Contains(base, "pubkey") || strings.Contains(base, "public")
}
