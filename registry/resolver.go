package registry

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/containerd/platforms"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/pkg/errors"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// Resolver is a transform.Resolver that asks the registries themselves.
// It remembers its answers, so that many Dockerfiles naming one image ask
// the registry once. It is safe for concurrent use.
type Resolver struct {
	keychain  authn.Keychain
	transport http.RoundTripper
	userAgent string
	timeout   time.Duration

	mu      sync.Mutex
	answers map[string]answer
}

type answer struct {
	img *transform.Image
	err error
}

// Option configures a Resolver.
type Option func(*Resolver)

// WithKeychain sets where credentials come from; the default is
// authn.DefaultKeychain, the docker CLI's configuration.
func WithKeychain(kc authn.Keychain) Option {
	return func(r *Resolver) { r.keychain = kc }
}

// WithTransport sets the HTTP transport; the default is remote's.
func WithTransport(t http.RoundTripper) Option {
	return func(r *Resolver) { r.transport = t }
}

// WithUserAgent sets the User-Agent the registries see.
func WithUserAgent(ua string) Option {
	return func(r *Resolver) { r.userAgent = ua }
}

// WithTimeout bounds each image lookup; the default is DefaultTimeout.
func WithTimeout(d time.Duration) Option {
	return func(r *Resolver) { r.timeout = d }
}

// DefaultTimeout bounds an image lookup when WithTimeout does not: a
// registry that stops answering fails the lookup instead of hanging.
const DefaultTimeout = time.Minute

// New returns a Resolver.
func New(opts ...Option) *Resolver {
	r := &Resolver{
		keychain: authn.DefaultKeychain,
		timeout:  DefaultTimeout,
		answers:  map[string]answer{},
	}
	for _, o := range opts {
		o(r)
	}
	return r
}

// ResolveImage resolves ref as BuildKit does for a build for platform p
// (the host's when p is nil).
func (r *Resolver) ResolveImage(ctx context.Context, ref string, p *ocispecs.Platform) (*transform.Image, error) {
	want := platforms.DefaultSpec()
	if p != nil {
		want = *p
	}
	want = platforms.Normalize(want)
	key := ref + " " + platforms.FormatAll(want)

	r.mu.Lock()
	a, ok := r.answers[key]
	r.mu.Unlock()
	if ok {
		return a.img, a.err
	}

	img, err := r.resolve(ctx, ref, want)
	r.mu.Lock()
	r.answers[key] = answer{img, err}
	r.mu.Unlock()
	return img, err
}

func (r *Resolver) resolve(ctx context.Context, ref string, want ocispecs.Platform) (*transform.Image, error) {
	named, err := ParseReference(ref)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()

	desc, err := remote.Get(named, r.remoteOptions(ctx)...)
	if err != nil {
		return nil, errors.Wrapf(err, "get manifest of %s", ref)
	}

	cfg, err := configFor(desc, want)
	if err != nil {
		return nil, errors.Wrapf(err, "read image config of %s", ref)
	}
	return &transform.Image{
		Digest:  digest.Digest(desc.Digest.String()),
		User:    cfg.Config.User,
		OnBuild: cfg.Config.OnBuild,
	}, nil
}

func (r *Resolver) remoteOptions(ctx context.Context) []remote.Option {
	opts := []remote.Option{
		remote.WithContext(ctx),
		remote.WithAuthFromKeychain(r.keychain),
	}
	if r.transport != nil {
		opts = append(opts, remote.WithTransport(r.transport))
	}
	if r.userAgent != "" {
		opts = append(opts, remote.WithUserAgent(r.userAgent))
	}
	return opts
}

// ParseReference parses an image reference as the docker CLI does, and
// marks registries on the loopback address as plain HTTP.
func ParseReference(ref string) (name.Reference, error) {
	parsed, err := name.ParseReference(ref)
	if err != nil {
		return nil, errors.Wrapf(err, "parse image reference %q", ref)
	}
	if !loopback(parsed.Context().RegistryStr()) {
		return parsed, nil
	}
	return name.ParseReference(ref, name.Insecure)
}
