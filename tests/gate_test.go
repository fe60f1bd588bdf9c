package tests

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/moby/buildkit/client/llb"
)

// The Dockerfiles the gate tests build: neither opts in with a syntax
// line, so only the gate brings them to our frontend.
const (
	// rootDockerfile breaks RootUser, which rejects by default.
	rootDockerfile = "FROM 127.0.0.1:5000/busybox:1.35\n"
	// compliantDockerfile passes every rule with the test policy.
	compliantDockerfile = `ARG GREETING=hello
FROM 127.0.0.1:5000/busybox:1.35 AS app
ARG GREETING
LABEL greeting=$GREETING
USER 10001

FROM app AS debug
USER 10002
`
)

// rootRejected is what our rule's rejection of rootDockerfile says.
var rootRejected = []string{"safe-dockerfile rejected the Dockerfile", "RootUser: stage 0 runs as root"}

// refusedFor is what the gate's refusal for reason says.
func refusedFor(reason string) []string {
	return []string{"PermissionDenied", "this builder only builds with the frontend " + frontendImage, reason}
}

// TestGate runs the enforcing gate in front of the test buildkitd and
// builds through it with an unchanged docker buildx build, then tries the
// ways around it.
func TestGate(t *testing.T) {
	needBuildKit(t)
	g := startGate(t)

	t.Run("policy-breaking Dockerfile is rejected by our rules", func(t *testing.T) {
		g.build(t, rootDockerfile).mustFail(t, rootRejected...)
	})
	t.Run("compliant Dockerfile builds with args, target, platforms and push", func(t *testing.T) {
		g.build(t, compliantDockerfile, "--build-arg", "GREETING=gate", "--target", "app",
			"--platform", "linux/amd64,linux/arm64",
			"--output", "type=image,push=true,name="+registry+"/e2e/gate-app:1").mustSucceed(t)
		conf := imageConfig(t, "e2e/gate-app", "1")
		if conf.Config.User != "10001" || conf.Config.Labels["greeting"] != "gate" {
			t.Errorf("pushed image has user %q and labels %v, want the app target built with GREETING=gate",
				conf.Config.User, conf.Config.Labels)
		}
		if got := platformsOf(t, "e2e/gate-app", "1"); len(got) != 2 {
			t.Errorf("pushed platforms %v, want linux/amd64 and linux/arm64", got)
		}
	})
	t.Run("calls answer through our frontend", func(t *testing.T) {
		g.build(t, compliantDockerfile, "--call=outline").mustSay(t, "TARGET: debug", "GREETING")
		g.build(t, compliantDockerfile, "--call=check").mustSay(t, "UnpinnedBaseImage", "[fixed]")
		g.build(t, rootDockerfile, "--check").mustFail(t, "RootUser", "[error]")
	})
	t.Run("stock syntax line is judged by our frontend", func(t *testing.T) {
		g.build(t, "# syntax="+stockImage+"\n"+rootDockerfile).mustFail(t, rootRejected...)
	})
	t.Run("BUILDKIT_SYNTAX build arg is refused", func(t *testing.T) {
		// buildx turns the argument into a gateway.v0 request for that image.
		g.build(t, rootDockerfile, "--build-arg", "BUILDKIT_SYNTAX="+stockImage).
			mustFail(t, refusedFor(`gateway source "`+stockImage+`" is not the enforced frontend`)...)
	})
	t.Run("skipping BuildKit's checks leaves our rules on", func(t *testing.T) {
		g.build(t, rootDockerfile, "--build-arg", "BUILDKIT_DOCKERFILE_CHECK=skip=all").
			mustFail(t, rootRejected...)
	})
	t.Run("exporter overriding the image config is refused", func(t *testing.T) {
		out := `type=image,name=` + registry + `/e2e/gate-root:1,push=true,` +
			`"containerimage.config={""config"":{""User"":""0""}}"`
		g.build(t, compliantDockerfile, "--output", out).
			mustFail(t, refusedFor(`attribute "containerimage.config" would override`)...)
	})
	t.Run("source policy converting the frontend is refused", func(t *testing.T) {
		// On the daemon itself this policy runs the stock frontend instead of ours.
		pol := filepath.Join(t.TempDir(), "policy.json")
		write(t, filepath.Dir(pol), "policy.json", `{"rules":[{"action":"CONVERT",`+
			`"selector":{"identifier":"docker-image://`+frontendImage+`"},`+
			`"updates":{"identifier":"docker-image://`+stockImage+`"}}]}`)
		env := []string{"EXPERIMENTAL_BUILDKIT_SOURCE_POLICY=" + pol}
		g.buildWith(t, env, nil, rootDockerfile).
			mustFail(t, refusedFor("source policy rule converting")...)
	})
	t.Run("buildx policy file is refused", func(t *testing.T) {
		rego := map[string]string{"Dockerfile.rego": "package docker\n\ndefault allow := true\n\n" +
			"decision := {\"allow\": allow}\n"}
		g.buildWith(t, nil, rego, compliantDockerfile).
			mustFail(t, refusedFor("source policy answered over the session")...)
	})
	t.Run("buildctl with the Dockerfile frontend is rewritten", func(t *testing.T) {
		g.buildctl(t, compliantDockerfile, "--frontend", "dockerfile.v0").mustSucceed(t)
	})
	t.Run("buildctl with another gateway image is refused", func(t *testing.T) {
		g.buildctl(t, rootDockerfile, "--frontend", "gateway.v0", "--opt", "source="+stockImage).
			mustFail(t, refusedFor("is not the enforced frontend")...)
	})
	t.Run("raw LLB is refused", func(t *testing.T) {
		g.solveLLB(t)
	})
	t.Run("every decision is logged", func(t *testing.T) {
		log := readFile(t, filepath.Dir(g.socket), "gate.log")
		for _, want := range []string{"msg=rewritten", "msg=refused", "msg=allowed", "raw LLB"} {
			if !strings.Contains(log, want) {
				t.Errorf("gate log lacks %q:\n%s", want, log)
			}
		}
	})
}

// gateUnderTest is a running gate and the buildx builder that uses it.
type gateUnderTest struct {
	socket  string
	builder string
}

// startGate builds the gate, starts it in front of the test buildkitd and
// creates a remote buildx builder for its socket; all go away when the
// test ends.
func startGate(t *testing.T) gateUnderTest {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "safe-dockerfile-gate")
	gobuild := exec.Command("go", "build", "-o", bin, "./cmd/safe-dockerfile-gate")
	gobuild.Dir = ".."
	if out, err := gobuild.CombinedOutput(); err != nil {
		t.Fatalf("build the gate: %v\n%s", err, out)
	}

	g := gateUnderTest{
		socket:  filepath.Join(dir, "gate.sock"),
		builder: fmt.Sprintf("sdf-gate-%d-%d", os.Getpid(), time.Now().UnixNano()),
	}
	runGate(t, bin, g.socket)

	out, err := exec.Command("docker", "buildx", "create", "--name", g.builder,
		"--driver", "remote", "unix://"+g.socket).CombinedOutput()
	if err != nil {
		t.Fatalf("create the buildx builder: %v\n%s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("docker", "buildx", "rm", g.builder).CombinedOutput(); err != nil {
			t.Errorf("remove the buildx builder: %v\n%s", err, out)
		}
	})
	return g
}

// runGate starts the gate binary, logging to gate.log next to its
// socket, waits until it answers and stops it when the test ends.
func runGate(t *testing.T, bin, socket string) {
	t.Helper()
	log, err := os.Create(filepath.Join(filepath.Dir(socket), "gate.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--listen", "unix://"+socket,
		"--buildkitd", os.Getenv("BUILDKIT_HOST"), "--frontend", frontendImage)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start the gate: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		if err := cmd.Wait(); err != nil {
			t.Errorf("gate exit: %v", err)
		}
		log.Close()
	})

	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
		if c, err := net.Dial("unix", socket); err == nil {
			c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the gate did not listen on %s:\n%s", socket, readFile(t, filepath.Dir(socket), "gate.log"))
}

// gateContext writes a build context with the test policy and files.
func gateContext(t *testing.T, dockerfile string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "Dockerfile", dockerfile)
	write(t, dir, ".safe-dockerfile.yaml", trustLocalRegistry)
	for name, body := range files {
		write(t, dir, name, body)
	}
	return dir
}

// build runs an unchanged docker buildx build on the gate's builder.
func (g gateUnderTest) build(t *testing.T, dockerfile string, args ...string) result {
	t.Helper()
	return g.buildWith(t, nil, nil, dockerfile, args...)
}

// buildWith is build with more environment variables for buildx and
// more files in the context.
func (g gateUnderTest) buildWith(t *testing.T, env []string, files map[string]string,
	dockerfile string, args ...string) result {
	t.Helper()
	full := append([]string{"buildx", "build", "--builder", g.builder, "--progress", "plain",
		"--provenance=false"}, args...)
	cmd := exec.Command("docker", append(full, gateContext(t, dockerfile, files))...)
	cmd.Env = append(os.Environ(), env...)
	return runTool(cmd)
}

// buildctl runs buildctl against the gate's socket.
func (g gateUnderTest) buildctl(t *testing.T, dockerfile string, args ...string) result {
	t.Helper()
	dir := gateContext(t, dockerfile, nil)
	full := append([]string{"--addr", "unix://" + g.socket, "build", "--progress", "plain",
		"--local", "context=" + dir, "--local", "dockerfile=" + dir}, args...)
	return runTool(exec.Command("buildctl", full...))
}

func runTool(cmd *exec.Cmd) result {
	out, err := cmd.CombinedOutput()
	return result{Out: string(out), Err: err}
}

// solveLLB sends definitions of its own through the gate: one as the
// build itself with buildctl, and one from buildx's client-side frontend,
// which fetches a Dockerfile named by URL with an LLB definition.
func (g gateUnderTest) solveLLB(t *testing.T) {
	def, err := llb.Image(registry + "/busybox:1.35").Run(llb.Shlex("id")).Root().
		Marshal(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "build.llb")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := llb.WriteTo(def, f); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(0, 0); err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	cmd := exec.Command("buildctl", "--addr", "unix://"+g.socket, "build", "--progress", "plain")
	cmd.Stdin = f
	refusal := refusedFor("raw LLB definitions bypass the frontend")
	runTool(cmd).mustFail(t, refusal...)

	// Nothing listens on port 9: the gate refuses before anything is fetched.
	g.build(t, compliantDockerfile, "-f", "http://127.0.0.1:9/Dockerfile").mustFail(t, refusal...)
}
