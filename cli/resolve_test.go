package cli

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/safe-dockerfile/safe-dockerfile/registry/registrytest"
	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

func TestOfflineAsksNoRegistry(t *testing.T) {
	res, err := checkOne(t, dfMixed, Config{Offline: true, Resolver: failingResolver{t}})
	if err != nil {
		t.Fatal(err)
	}
	f := res.Files[0]
	if f.Err != nil {
		t.Fatal(f.Err)
	}
	pin := findingOf(t, f, "UnpinnedBaseImage")
	if pin.Outcome != transform.Warned || len(pin.Edits) != 0 {
		t.Errorf("offline, the unpinned FROM is %s with %d edits; want a warning with none",
			pin.Outcome, len(pin.Edits))
	}
}

func TestOfflineFixSkipsPinning(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"Dockerfile": dfFixable})
	cfg := Config{Paths: []string{dir}, Offline: true, rules: coreRules(t), LookupEnv: noGit}
	res, err := Fix(context.Background(), cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	out := string(res.Files[0].Report.Output)
	if !strings.HasPrefix(out, "FROM debian:12\n") || !strings.Contains(out, "--no-install-recommends") {
		t.Errorf("offline fix wrote:\n%s", out)
	}
}

// TestDefaultResolverIsTheRegistry checks without a Resolver or Offline,
// so the registry package answers, here from an in-memory registry on
// the loopback address.
func TestDefaultResolverIsTheRegistry(t *testing.T) {
	reg := registrytest.Start(t)
	ref, want := reg.PushIndex("app/base:1", map[string]v1.Image{
		"linux/amd64": reg.Image("", "linux/amd64"),
		"linux/arm64": reg.Image("", "linux/arm64"),
	})

	res, err := checkOne(t, "FROM "+ref+"\nUSER 10001\n", Config{})
	if err != nil {
		t.Fatal(err)
	}
	if f := res.Files[0]; f.Err != nil {
		t.Fatal(f.Err)
	}
	pin := findingOf(t, res.Files[0], "UnpinnedBaseImage")
	if pin.Outcome != transform.Fixed || len(pin.Edits) != 1 || pin.Edits[0].Text != ref+"@"+want.String() {
		t.Errorf("pin: %s %+v; want %s@%s", pin.Outcome, pin.Edits, ref, want)
	}
}

func TestRootUserReadsTheBaseImagesUser(t *testing.T) {
	reg := registrytest.Start(t)
	root, _ := reg.PushImage("root:1", reg.Image("", "linux/amd64"))
	nonroot, _ := reg.PushImage("nonroot:1", reg.Image("65532:65532", "linux/amd64"))

	for _, tc := range []struct {
		ref  string
		want bool
	}{{root, true}, {nonroot, false}} {
		res, err := checkOne(t, "FROM "+tc.ref+"\n", Config{})
		if err != nil || res.Files[0].Err != nil {
			t.Fatal(err, res.Files[0].Err)
		}
		if got := hasFinding(res.Files[0], "RootUser"); got != tc.want {
			t.Errorf("FROM %s: RootUser finding %v, want %v", tc.ref, got, tc.want)
		}
	}
}

// localRegistry is the registry that hack/env/up starts for the project.
const localRegistry = "127.0.0.1:5000"

// TestLocalRegistry checks against the project's local registry: the pin
// is the digest the registry gives for the tag, and nonroot:1's user is
// read from its config.
func TestLocalRegistry(t *testing.T) {
	if testing.Short() {
		t.Skip("talks to the local registry")
	}
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get("http://" + localRegistry + "/v2/")
	if err != nil {
		t.Skipf("no registry at %s (make env starts it)", localRegistry)
	}
	resp.Body.Close()

	head, err := http.NewRequest(http.MethodHead, "http://"+localRegistry+"/v2/busybox/manifests/1.35", nil)
	if err != nil {
		t.Fatal(err)
	}
	head.Header.Set("Accept", "application/vnd.oci.image.index.v1+json, "+
		"application/vnd.docker.distribution.manifest.list.v2+json")
	resp, err = c.Do(head)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	want := resp.Header.Get("Docker-Content-Digest")

	df := "FROM " + localRegistry + "/busybox:1.35 AS tools\n" +
		"FROM " + localRegistry + "/nonroot:1\n" +
		"COPY --from=tools /bin/busybox /busybox\n"
	res, err := checkOne(t, df, Config{})
	if err != nil || res.Files[0].Err != nil {
		t.Fatal(err, res.Files[0].Err)
	}
	pin := findingOf(t, res.Files[0], "UnpinnedBaseImage")
	if got := pin.Edits[0].Text; got != localRegistry+"/busybox:1.35@"+want {
		t.Errorf("pinned to %s, the registry says %s", got, want)
	}
	if hasFinding(res.Files[0], "RootUser") {
		t.Error("nonroot:1 is taken for root")
	}
}

func findingOf(t *testing.T, f *File, rule string) transform.Result {
	t.Helper()
	for _, r := range f.Report.Results {
		if r.Rule.ID == rule {
			return r
		}
	}
	t.Fatalf("no %s finding in %s", rule, f.Path)
	return transform.Result{}
}

func hasFinding(f *File, rule string) bool {
	for _, r := range f.Report.Results {
		if r.Rule.ID == rule {
			return true
		}
	}
	return false
}
