package tests

import (
	"encoding/json"
	"os/exec"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/safe-dockerfile/safe-dockerfile/buildinfo"
)

// TestCheck runs docker buildx build --check: our findings must be listed
// next to BuildKit's own checks, which means our frontend answered the lint
// subrequest itself (buildx would otherwise re-run it with the stock one).
func TestCheck(t *testing.T) {
	needBuildKit(t)
	r := run(t, buildx, build{Dockerfile: `
FROM 127.0.0.1:5000/busybox:1.35 as base
RUN apt-get update
`, Extra: []string{"--check"}})
	r.mustSay(t,
		"WARNING: FromAsCasing",
		"WARNING: UnpinnedBaseImage",
		"[fixed] FROM 127.0.0.1:5000/busybox:1.35 names a tag",
		"WARNING: RootUser",
		"[error] stage \"base\" runs as root",
		"WARNING: AptLists",
		"docs/rules/AptLists.md",
		"Dockerfile:3")
	if r.Err == nil {
		t.Error("--check with findings that fail a build exited 0")
	}

	fixedOnly := run(t, buildx, build{Dockerfile: `
FROM 127.0.0.1:5000/nonroot:1
`, Extra: []string{"--check"}})
	fixedOnly.mustSay(t, "[fixed] FROM 127.0.0.1:5000/nonroot:1 names a tag")
	if fixedOnly.Err != nil {
		t.Errorf("--check failed for a Dockerfile whose findings are all fixed: %v", fixedOnly.Err)
	}
}

func TestCallTargets(t *testing.T) {
	needBuildKit(t)
	df := `
# build compiles the program
FROM 127.0.0.1:5000/busybox:1.35 AS build
RUN echo built > /out

# release is what ships
FROM 127.0.0.1:5000/nonroot:1 AS release
COPY --from=build /out /out
`
	r := run(t, buildx, build{Dockerfile: df, Extra: []string{"--call=targets"}})
	r.mustSucceed(t)
	r.mustSay(t, "build", "compiles the program", "release (default)", "is what ships")

	o := run(t, buildx, build{Dockerfile: df + "ARG GREETING=hello\n", Extra: []string{"--call=outline"}})
	o.mustSucceed(t)
	o.mustSay(t, "TARGET:", "release", "GREETING")
}

// TestSameImageAsStock checks that a Dockerfile that follows every practice
// reaches BuildKit unchanged: built reproducibly through our frontend and
// through the stock one, it gives the same layers and the same image
// configuration but for the labels that record the guard. Both frontends are
// chosen with BUILDKIT_SYNTAX so the Dockerfile is the same file. (The LLB
// itself differs between any two invocations, even of the stock frontend,
// by the session ID of the local context.)
func TestSameImageAsStock(t *testing.T) {
	needBuildKit(t)
	df := `
FROM 127.0.0.1:5000/busybox:1.35@` + digestOf(t, "busybox", "1.35") + ` AS build
RUN --mount=type=cache,target=/cache echo built > /out
COPY <<EOT /etc/motd
hello
EOT

FROM 127.0.0.1:5000/nonroot:1@` + digestOf(t, "nonroot", "1") + `
COPY --from=build /out /etc/motd /srv/
COPY greeting.txt /greeting.txt
USER 10001
`
	dir := t.TempDir()
	write(t, dir, "Dockerfile", strings.TrimLeft(df, "\n"))
	write(t, dir, "greeting.txt", "hi\n")
	write(t, dir, ".safe-dockerfile.yaml", trustLocalRegistry)
	buildWith := func(frontend, name string) {
		out, err := exec.Command("docker", "buildx", "build", "--builder", "safe-dockerfile",
			"--progress", "plain", "--provenance=false",
			"--build-arg", "BUILDKIT_SYNTAX="+frontend, "--build-arg", "SOURCE_DATE_EPOCH=0",
			"--output", "type=image,push=true,rewrite-timestamp=true,name="+registry+"/"+name+":same",
			dir).CombinedOutput()
		if err != nil {
			t.Fatalf("build through %s: %v\n%s", frontend, err, out)
		}
		if strings.Contains(string(out), "WARN") {
			t.Errorf("warnings for a clean Dockerfile through %s:\n%s", frontend, out)
		}
	}
	buildWith(frontendImage, "e2e/same-ours")
	buildWith(stockImage, "e2e/same-stock")

	// The same layers, and the same configuration but for the labels our
	// frontend adds to every image (see buildinfo).
	ours, stock := imageParts(t, "e2e/same-ours"), imageParts(t, "e2e/same-stock")
	if !slices.Equal(ours.layers, stock.layers) || len(ours.layers) == 0 {
		t.Errorf("layers through our frontend %v, through the stock one %v", ours.layers, stock.layers)
	}
	labels, _ := ours.config["config"].(map[string]any)["Labels"].(map[string]any)
	for _, key := range []string{buildinfo.LabelVersion, buildinfo.LabelPolicyDigest} {
		if _, ok := labels[key]; !ok {
			t.Errorf("our image lacks the label %s: %v", key, labels)
		}
	}
	for key := range labels {
		if strings.HasPrefix(key, "io.github.safe-dockerfile.") {
			delete(labels, key)
		}
	}
	if len(labels) == 0 {
		delete(ours.config["config"].(map[string]any), "Labels")
	}
	if !reflect.DeepEqual(ours.config, stock.config) {
		t.Errorf("image configuration through our frontend:\n%v\nthrough the stock one:\n%v", ours.config, stock.config)
	}
}

type parts struct {
	layers []string
	config map[string]any
}

// imageParts reads the layer digests and the configuration of name:same.
func imageParts(t *testing.T, name string) parts {
	t.Helper()
	m := manifestOf(t, name, "same")
	var p parts
	for _, l := range m.Layers {
		p.layers = append(p.layers, l.Digest)
	}
	blob, _ := registryGet(t, name+"/blobs/"+m.Config.Digest)
	if err := json.Unmarshal(blob, &p.config); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestBuildFeatures builds with the features BuildKit users rely on:
// build args, a target, a named context, cache mounts and heredocs.
func TestBuildFeatures(t *testing.T) {
	needBuildKit(t)
	extra := t.TempDir()
	write(t, extra, "data.txt", "from a named context\n")
	for _, tl := range tools {
		t.Run(string(tl), func(t *testing.T) {
			ctxFlag := []string{"--build-context", "extra=" + extra}
			if tl == buildctl {
				ctxFlag = []string{"--local", "extra=" + extra, "--opt", "context:extra=local:extra"}
			}
			out := t.TempDir()
			r := run(t, tl, build{Dockerfile: `
ARG VERSION=0
FROM 127.0.0.1:5000/busybox:1.35 AS build
ARG VERSION
RUN --mount=type=cache,target=/cache echo "v$VERSION" > /cache/v && cp /cache/v /version
RUN <<EOT
set -e
echo heredoc > /heredoc
EOT

FROM 127.0.0.1:5000/nonroot:1 AS app
COPY --from=build /version /heredoc /
COPY --from=extra data.txt /data.txt

FROM app AS unused
RUN false
`, Args: map[string]string{"VERSION": "7"}, Target: "app", Local: out, Extra: ctxFlag})
			r.mustSucceed(t)
			for name, want := range map[string]string{
				"version": "v7\n", "heredoc": "heredoc\n", "data.txt": "from a named context\n",
			} {
				if got := readFile(t, out, name); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		})
	}
}

// TestNamedContextReplacesImage replaces the base image with a named
// context: the reference is not rewritten (BuildKit would no longer find
// the context) and the user comes from the image that replaces it.
func TestNamedContextReplacesImage(t *testing.T) {
	needBuildKit(t)
	r := run(t, buildx, build{Dockerfile: `
FROM 127.0.0.1:5000/busybox:1.35
RUN id -u > /tmp/uid
`, Extra: []string{"--build-context", "127.0.0.1:5000/busybox:1.35=docker-image://127.0.0.1:5000/nonroot:1"}})
	r.mustSucceed(t)
	if strings.Contains(r.Out, "UnpinnedBaseImage") {
		t.Errorf("rewrote a reference that a named context replaces:\n%s", r.Out)
	}
}
