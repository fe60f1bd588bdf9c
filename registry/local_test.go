package registry

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// localRegistry is the registry that hack/env/up starts for the project.
const localRegistry = "127.0.0.1:5000"

// TestLocalRegistry resolves the base images hack/env/up puts in the local
// registry and checks the answers against the registry's own.
func TestLocalRegistry(t *testing.T) {
	if testing.Short() {
		t.Skip("talks to the local registry")
	}
	if !reachable("http://" + localRegistry + "/v2/") {
		t.Skipf("no registry at %s (make env starts it)", localRegistry)
	}
	r := New()
	ctx := context.Background()

	img, err := r.ResolveImage(ctx, localRegistry+"/busybox:1.35", platform("linux/amd64"))
	if err != nil {
		t.Fatal(err)
	}
	if want := contentDigest(t, "busybox", "1.35"); img.Digest.String() != want {
		t.Errorf("busybox:1.35 resolved to %s, the registry says %s", img.Digest, want)
	}

	img, err = r.ResolveImage(ctx, localRegistry+"/nonroot:1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if img.User != "65532:65532" {
		t.Errorf("nonroot:1 runs as %q, want 65532:65532", img.User)
	}
}

func reachable(url string) bool {
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// contentDigest asks the registry for the digest of repo:tag, the way a
// client that accepts indexes and manifests sees it.
func contentDigest(t *testing.T, repo, tag string) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodHead, "http://"+localRegistry+"/v2/"+repo+"/manifests/"+tag, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/vnd.oci.image.index.v1+json, "+
		"application/vnd.docker.distribution.manifest.list.v2+json, "+
		"application/vnd.oci.image.manifest.v1+json, "+
		"application/vnd.docker.distribution.manifest.v2+json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	d := resp.Header.Get("Docker-Content-Digest")
	if resp.StatusCode != http.StatusOK || d == "" {
		t.Fatalf("HEAD %s:%s: %s, digest %q", repo, tag, resp.Status, d)
	}
	return d
}
