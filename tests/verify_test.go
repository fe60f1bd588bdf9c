package tests

import (
	"context"
	"os"
	"testing"

	digest "github.com/opencontainers/go-digest"

	"github.com/safe-dockerfile/safe-dockerfile/cli"
)

// TestVerify builds one image through the guard and two without it, with
// BuildKit's provenance, and verifies them as a release pipeline would.
func TestVerify(t *testing.T) {
	needBuildKit(t)
	clean := "FROM 127.0.0.1:5000/busybox:1.35\nUSER 10001\n"
	// A Dockerfile that writes the guard's labels itself, built by the
	// stock frontend.
	forged := "FROM 127.0.0.1:5000/busybox:1.35\n" +
		"LABEL io.github.safe-dockerfile.version=v1.0.0 io.github.safe-dockerfile.policy.digest=" +
		defaultPolicyDigest(t).String() + "\nUSER 10001\n"
	provenance := []string{"--provenance=mode=min"}
	run(t, buildx, build{Dockerfile: clean, Push: "e2e/verify:guarded", Extra: provenance}).mustSucceed(t)
	run(t, buildx, build{Dockerfile: clean, Push: "e2e/verify:stock", Frontend: stockImage, Extra: provenance}).mustSucceed(t)
	run(t, buildx, build{Dockerfile: forged, Push: "e2e/verify:forged", Frontend: stockImage, Extra: provenance}).mustSucceed(t)
	// Our frontend named, the stock one run in its place through a named
	// context: BuildKit looks the gateway source up among them.
	run(t, buildctl, build{Dockerfile: forged, Push: "e2e/verify:swapped", Extra: []string{
		"--opt", "context:" + frontendImage + "=docker-image://" + stockImage,
		"--opt", "attest:provenance=mode=min",
	}}).mustSucceed(t)

	want := cli.VerifyWant{PolicyDigest: defaultPolicyDigest(t), Frontend: registry + "/safe-dockerfile"}
	cases := []struct {
		tag  string
		want cli.VerifyWant
		ok   bool
	}{
		{"guarded", want, true},
		{"stock", want, false},
		// The labels alone pass; the provenance gives the forgery away.
		{"forged", cli.VerifyWant{PolicyDigest: want.PolicyDigest}, true},
		{"forged", want, false},
		{"swapped", want, false},
		{"guarded", cli.VerifyWant{PolicyDigest: digest.FromString("another policy"), Frontend: want.Frontend}, false},
	}
	for _, c := range cases {
		v, err := cli.Verify(context.Background(), registry+"/e2e/verify:"+c.tag, c.want)
		if err != nil {
			t.Fatalf("verify %s: %v", c.tag, err)
		}
		if v.OK() != c.ok {
			t.Errorf("verify %s with %+v: ok=%v, want %v: %+v", c.tag, c.want, v.OK(), c.ok, v.Checks)
		}
	}
}

// defaultPolicyDigest is the digest of the built-in policy, which judges
// the tests' builds (no organisation policy is baked into the image).
func defaultPolicyDigest(t *testing.T) digest.Digest {
	t.Helper()
	dt, err := os.ReadFile("../policy/default.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return digest.FromBytes(dt)
}
