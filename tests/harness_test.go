package tests

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const registry = "127.0.0.1:5000"

// trustLocalRegistry is the repository policy every test context gets
// unless the test writes its own: the test images live in the local
// registry, which the built-in policy does not trust.
const trustLocalRegistry = "apiVersion: safe-dockerfile/v1\nkind: Policy\ntrustedRegistries: [\"127.0.0.1:5000\"]\n"

// frontendImage is the image under test, pushed by make image.
var frontendImage = envOr("SDF_IMAGE", registry+"/safe-dockerfile:dev")

// stockImage is BuildKit's own Dockerfile frontend, built by hack/env/up
// from the same BuildKit version.
const stockImage = registry + "/dockerfile:v0.34.2"

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func TestMain(m *testing.M) {
	flag.Parse()
	if !testing.Short() {
		if err := exec.Command("buildctl", "debug", "workers").Run(); err != nil {
			fmt.Fprintf(os.Stderr, "end-to-end tests need the local BuildKit: run `make env` "+
				"and set BUILDKIT_HOST (the Makefile does): %v\n", err)
			os.Exit(2)
		}
	}
	os.Exit(m.Run())
}

func needBuildKit(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: needs BuildKit")
	}
}

// tool is a way to run a build: docker buildx or buildctl.
type tool string

const (
	buildx   tool = "buildx"
	buildctl tool = "buildctl"
)

var tools = []tool{buildx, buildctl}

// build is one build to run.
type build struct {
	Dockerfile string
	Files      map[string]string
	Args       map[string]string
	Target     string
	Platforms  string
	// Push names the image to push, under the local registry.
	Push string
	// Local, when set, exports the final filesystem to this directory.
	Local string
	// Frontend overrides the syntax line's image (for the stock frontend).
	Frontend string
	// Extra are more arguments for the tool.
	Extra []string
}

// result is a finished build's output and error.
type result struct {
	Out string
	Err error
}

func (r result) mustSucceed(t *testing.T) {
	t.Helper()
	if r.Err != nil {
		t.Fatalf("build failed: %v\n%s", r.Err, r.Out)
	}
}

func (r result) mustFail(t *testing.T, want ...string) {
	t.Helper()
	if r.Err == nil {
		t.Fatalf("build succeeded, want it rejected\n%s", r.Out)
	}
	r.mustSay(t, want...)
}

// mustWarn checks the build warnings, which buildx prints and buildctl's
// plain progress does not.
func (r result) mustWarn(t *testing.T, tl tool, want ...string) {
	t.Helper()
	if tl == buildx {
		r.mustSay(t, want...)
	}
}

func (r result) mustSay(t *testing.T, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(r.Out, w) {
			t.Errorf("output lacks %q:\n%s", w, r.Out)
		}
	}
}

// run writes the build context and runs the build with the tool.
func run(t *testing.T, tl tool, b build) result {
	t.Helper()
	dir := t.TempDir()
	frontend := frontendImage
	if b.Frontend != "" {
		frontend = b.Frontend
	}
	df := "# syntax=" + frontend + "\n" + strings.TrimLeft(b.Dockerfile, "\n")
	write(t, dir, "Dockerfile", df)
	write(t, dir, ".safe-dockerfile.yaml", trustLocalRegistry)
	for name, body := range b.Files {
		write(t, dir, name, body)
	}

	var cmd *exec.Cmd
	switch tl {
	case buildx:
		cmd = exec.Command("docker", buildxArgs(b, dir)...)
	case buildctl:
		cmd = exec.Command("buildctl", buildctlArgs(b, dir)...)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd = exec.CommandContext(ctx, cmd.Args[0], cmd.Args[1:]...)
	out, err := cmd.CombinedOutput()
	return result{Out: string(out), Err: err}
}

func buildxArgs(b build, dir string) []string {
	args := []string{"buildx", "build", "--builder", "safe-dockerfile", "--progress", "plain"}
	if !slices.ContainsFunc(b.Extra, func(a string) bool { return strings.HasPrefix(a, "--provenance") }) {
		args = append(args, "--provenance=false")
	}
	for k, v := range b.Args {
		args = append(args, "--build-arg", k+"="+v)
	}
	if b.Target != "" {
		args = append(args, "--target", b.Target)
	}
	if b.Platforms != "" {
		args = append(args, "--platform", b.Platforms)
	}
	switch {
	case b.Push != "":
		args = append(args, "--output", "type=image,push=true,name="+registry+"/"+b.Push)
	case b.Local != "":
		args = append(args, "--output", "type=local,dest="+b.Local)
	}
	args = append(args, b.Extra...)
	return append(args, dir)
}

func buildctlArgs(b build, dir string) []string {
	args := []string{"build", "--progress", "plain", "--frontend", "dockerfile.v0",
		"--local", "context=" + dir, "--local", "dockerfile=" + dir}
	for k, v := range b.Args {
		args = append(args, "--opt", "build-arg:"+k+"="+v)
	}
	if b.Target != "" {
		args = append(args, "--opt", "target="+b.Target)
	}
	if b.Platforms != "" {
		args = append(args, "--opt", "platform="+b.Platforms)
	}
	switch {
	case b.Push != "":
		args = append(args, "--output", "type=image,push=true,name="+registry+"/"+b.Push)
	case b.Local != "":
		args = append(args, "--output", "type=local,dest="+b.Local)
	}
	return append(args, b.Extra...)
}

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// manifestTypes are the media types the registry client accepts.
var manifestTypes = []string{
	"application/vnd.oci.image.index.v1+json",
	"application/vnd.oci.image.manifest.v1+json",
	"application/vnd.docker.distribution.manifest.list.v2+json",
	"application/vnd.docker.distribution.manifest.v2+json",
}

// registryGet fetches a manifest or blob from the local registry.
func registryGet(t *testing.T, path string) ([]byte, http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, "http://"+registry+"/v2/"+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", strings.Join(manifestTypes, ", "))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("registry: %v", err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("registry GET %s: %s", path, resp.Status)
	}
	return buf.Bytes(), resp.Header
}

// manifest is the part of an image manifest the tests read.
type manifest struct {
	Config struct {
		Digest string `json:"digest"`
	} `json:"config"`
	Layers []struct {
		Digest string `json:"digest"`
		Size   int64  `json:"size"`
	} `json:"layers"`
}

// manifestOf reads the manifest of name:tag, which must be one image.
func manifestOf(t *testing.T, name, tag string) manifest {
	t.Helper()
	dt, _ := registryGet(t, name+"/manifests/"+tag)
	var m manifest
	if err := json.Unmarshal(dt, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// digestOf returns the digest the registry gives for name:tag.
func digestOf(t *testing.T, name, tag string) string {
	t.Helper()
	_, h := registryGet(t, name+"/manifests/"+tag)
	return h.Get("Docker-Content-Digest")
}

// imageConfig returns the linux/amd64 image configuration of name:tag.
func imageConfig(t *testing.T, name, tag string) imageConf {
	t.Helper()
	dt, _ := registryGet(t, name+"/manifests/"+tag)
	var m struct {
		MediaType string `json:"mediaType"`
		Config    struct {
			Digest string `json:"digest"`
		} `json:"config"`
		Manifests []struct {
			Digest   string `json:"digest"`
			Platform struct {
				Architecture string `json:"architecture"`
			} `json:"platform"`
		} `json:"manifests"`
	}
	if err := json.Unmarshal(dt, &m); err != nil {
		t.Fatal(err)
	}
	for _, sub := range m.Manifests {
		if sub.Platform.Architecture == "amd64" {
			return imageConfig(t, name, sub.Digest)
		}
	}
	blob, _ := registryGet(t, name+"/blobs/"+m.Config.Digest)
	var c imageConf
	if err := json.Unmarshal(blob, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

type imageConf struct {
	Config struct {
		User   string            `json:"User"`
		Labels map[string]string `json:"Labels"`
	} `json:"config"`
}

// platformsOf lists the platforms of an index in the registry.
func platformsOf(t *testing.T, name, tag string) []string {
	t.Helper()
	dt, _ := registryGet(t, name+"/manifests/"+tag)
	var idx struct {
		Manifests []struct {
			Platform struct {
				OS           string `json:"os"`
				Architecture string `json:"architecture"`
			} `json:"platform"`
		} `json:"manifests"`
	}
	if err := json.Unmarshal(dt, &idx); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range idx.Manifests {
		if m.Platform.OS != "" && m.Platform.OS != "unknown" {
			out = append(out, m.Platform.OS+"/"+m.Platform.Architecture)
		}
	}
	return out
}

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	dt, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(dt)
}
