package registry

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"

	"github.com/safe-dockerfile/safe-dockerfile/registry/registrytest"
)

func platform(s string) *ocispecs.Platform {
	os, arch, _ := strings.Cut(s, "/")
	return &ocispecs.Platform{OS: os, Architecture: arch}
}

func TestResolveIndexPinsTheIndexAndReadsThePlatformsUser(t *testing.T) {
	reg := registrytest.Start(t)
	ref, want := reg.PushIndex("multi:1", map[string]v1.Image{
		"linux/amd64": reg.Image("1000", "linux/amd64"),
		"linux/arm64": reg.Image("2000:2000", "linux/arm64"),
	})

	r := New()
	for _, tc := range []struct{ platform, user string }{
		{"linux/amd64", "1000"},
		{"linux/arm64", "2000:2000"},
	} {
		t.Run(tc.platform, func(t *testing.T) {
			img, err := r.ResolveImage(context.Background(), ref, platform(tc.platform))
			if err != nil {
				t.Fatal(err)
			}
			if img.Digest.String() != want.String() {
				t.Errorf("digest %s, want the index's %s", img.Digest, want)
			}
			if img.User != tc.user {
				t.Errorf("user %q, want %q", img.User, tc.user)
			}
		})
	}

	_, err := r.ResolveImage(context.Background(), ref, platform("linux/s390x"))
	if err == nil || !strings.Contains(err.Error(), "no image for platform linux/s390x") {
		t.Errorf("want a no-image-for-platform error, got %v", err)
	}
}

func TestResolveImagePinsTheManifest(t *testing.T) {
	reg := registrytest.Start(t)
	ref, want := reg.PushImage("single:1", reg.Image("app", "linux/amd64"))

	img, err := New().ResolveImage(context.Background(), ref, nil)
	if err != nil {
		t.Fatal(err)
	}
	if img.Digest.String() != want.String() || img.User != "app" {
		t.Errorf("got %s %q, want %s %q", img.Digest, img.User, want, "app")
	}
}

func TestResolveAsksOncePerImage(t *testing.T) {
	reg := registrytest.Start(t)
	ref, _ := reg.PushImage("once:1", reg.Image("", "linux/amd64"))
	var calls atomic.Int32
	r := New(WithTransport(countingTransport{&calls}))

	for range 3 {
		if _, err := r.ResolveImage(context.Background(), ref, platform("linux/amd64")); err != nil {
			t.Fatal(err)
		}
	}
	first := calls.Load()
	if _, err := r.ResolveImage(context.Background(), ref, platform("linux/amd64")); err != nil {
		t.Fatal(err)
	}
	if first == 0 || calls.Load() != first {
		t.Errorf("requests: %d after the first lookups, %d after one more", first, calls.Load())
	}
}

func TestResolveMissingTag(t *testing.T) {
	reg := registrytest.Start(t)
	_, err := New().ResolveImage(context.Background(), reg.Host+"/nothing:1", nil)
	if err == nil || !strings.Contains(err.Error(), "get manifest of "+reg.Host+"/nothing:1") {
		t.Errorf("want a get-manifest error, got %v", err)
	}
}

func TestParseReferenceLoopbackIsPlainHTTP(t *testing.T) {
	for _, tc := range []struct {
		ref, scheme string
	}{
		{"127.0.0.1:5000/busybox:1.35", "http"},
		{"localhost:5000/app", "http"},
		{"[::1]:5000/app:1", "http"},
		{"busybox:1.35", "https"},
		{"ghcr.io/org/app:1", "https"},
	} {
		t.Run(tc.ref, func(t *testing.T) {
			ref, err := ParseReference(tc.ref)
			if err != nil {
				t.Fatal(err)
			}
			if got := ref.Context().Scheme(); got != tc.scheme {
				t.Errorf("scheme %s, want %s", got, tc.scheme)
			}
		})
	}
}

func TestPickPrefersTheExactPlatform(t *testing.T) {
	d := func(os, arch, variant string) v1.Descriptor {
		return v1.Descriptor{
			MediaType: "application/vnd.oci.image.manifest.v1+json",
			Digest:    v1.Hash{Algorithm: "sha256", Hex: os + arch + variant},
			Platform:  &v1.Platform{OS: os, Architecture: arch, Variant: variant},
		}
	}
	attestation := d("unknown", "unknown", "")
	list := []v1.Descriptor{attestation, d("linux", "arm", "v7"), d("linux", "arm64", ""), d("linux", "amd64", "")}

	got, ok := pick(list, ocispecs.Platform{OS: "linux", Architecture: "arm64"})
	if !ok || got.Platform.Architecture != "arm64" {
		t.Errorf("picked %+v, want linux/arm64", got.Platform)
	}
	if _, ok := pick(list[:1], ocispecs.Platform{OS: "linux", Architecture: "amd64"}); ok {
		t.Error("picked an attestation manifest")
	}
}

type countingTransport struct{ n *atomic.Int32 }

func (c countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return http.DefaultTransport.RoundTrip(req)
}

func TestResolveTimesOut(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		<-block
	}))
	defer srv.Close()
	defer close(block)

	r := New(WithTimeout(200 * time.Millisecond))
	start := time.Now()
	_, err := r.ResolveImage(context.Background(), strings.TrimPrefix(srv.URL, "http://")+"/slow:1", nil)
	if err == nil || time.Since(start) > 5*time.Second {
		t.Errorf("err %v after %s; want a timeout", err, time.Since(start))
	}
}
