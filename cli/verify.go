package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	digest "github.com/opencontainers/go-digest"
	"github.com/pkg/errors"

	"github.com/safe-dockerfile/safe-dockerfile/buildinfo"
	"github.com/safe-dockerfile/safe-dockerfile/registry"
)

// VerifyWant is what an image must show to pass verification.
type VerifyWant struct {
	// PolicyDigest is the sha256 of the organisation policy file the image
	// must have been judged by; empty accepts any policy.
	PolicyDigest digest.Digest
	// Frontend is the frontend image the build must have run, as a
	// repository, optionally with a digest. When set, the image's
	// provenance (BuildKit's SLSA attestation) is required and must name
	// it: labels alone can be written by any Dockerfile.
	Frontend string
}

// Verification is the outcome for one image: a check per fact, for each
// of its platforms.
type Verification struct {
	Image  string
	Checks []VerifyCheck
}

// VerifyCheck is one fact checked.
type VerifyCheck struct {
	Platform string
	What     string
	OK       bool
	Detail   string
}

// OK reports whether every check passed.
func (v *Verification) OK() bool {
	for _, c := range v.Checks {
		if !c.OK {
			return false
		}
	}
	return len(v.Checks) > 0
}

// Verify checks that the image ref in a registry was built through
// safe-dockerfile under the wanted policy: the labels the frontend sets
// on every image, and, when want names a frontend, the provenance BuildKit
// attached to the image.
func Verify(ctx context.Context, ref string, want VerifyWant, opts ...remote.Option) (*Verification, error) {
	named, err := registry.ParseReference(ref)
	if err != nil {
		return nil, err
	}
	opts = append([]remote.Option{remote.WithContext(ctx)}, opts...)
	desc, err := remote.Get(named, opts...)
	if err != nil {
		return nil, errors.Wrapf(err, "get %s", ref)
	}
	v := &Verification{Image: ref}
	if !desc.MediaType.IsIndex() {
		img, err := desc.Image()
		if err != nil {
			return nil, err
		}
		if err := v.checkImage(img, nil, "", want); err != nil {
			return nil, err
		}
		return v, nil
	}

	idx, err := desc.ImageIndex()
	if err != nil {
		return nil, err
	}
	im, err := idx.IndexManifest()
	if err != nil {
		return nil, err
	}
	attestations := map[string]v1.Hash{}
	for _, m := range im.Manifests {
		if m.Annotations["vnd.docker.reference.type"] == "attestation-manifest" {
			attestations[m.Annotations["vnd.docker.reference.digest"]] = m.Digest
		}
	}
	for _, m := range im.Manifests {
		if _, isAttestation := m.Annotations["vnd.docker.reference.type"]; isAttestation || m.Platform == nil {
			continue
		}
		img, err := idx.Image(m.Digest)
		if err != nil {
			return nil, err
		}
		var att v1.Image
		if d, ok := attestations[m.Digest.String()]; ok {
			if att, err = idx.Image(d); err != nil {
				return nil, err
			}
		}
		if err := v.checkImage(img, att, m.Platform.String(), want); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// checkImage checks one platform's image and its attestation manifest,
// which is nil when it has none.
func (v *Verification) checkImage(img, att v1.Image, platform string, want VerifyWant) error {
	cfg, err := img.ConfigFile()
	if err != nil {
		return errors.Wrap(err, "read the image configuration")
	}
	labels := cfg.Config.Labels
	check := func(what string, ok bool, detail string) {
		v.Checks = append(v.Checks, VerifyCheck{Platform: platform, What: what, OK: ok, Detail: detail})
	}

	version, ok := labels[buildinfo.LabelVersion]
	check("built through safe-dockerfile", ok, labelDetail(buildinfo.LabelVersion, version, ok))
	got, ok := labels[buildinfo.LabelPolicyDigest]
	switch {
	case !ok:
		check("judged by a policy", false, "no label "+buildinfo.LabelPolicyDigest)
	case want.PolicyDigest != "" && got != want.PolicyDigest.String():
		check("judged by the expected policy", false,
			fmt.Sprintf("policy %q (%s), want %s", labels[buildinfo.LabelPolicy], got, want.PolicyDigest))
	default:
		check("judged by the expected policy", true, fmt.Sprintf("policy %q (%s)", labels[buildinfo.LabelPolicy], got))
	}
	if want.Frontend == "" {
		return nil
	}

	if att == nil {
		check("provenance names the frontend", false, "the image has no provenance attestation (build with --provenance=mode=min or max)")
		return nil
	}
	prov, err := readProvenance(att)
	if err != nil {
		return err
	}
	ok, detail := prov.ran(want.Frontend)
	check("provenance names the frontend", ok, detail)
	return nil
}

func labelDetail(key, value string, ok bool) string {
	if !ok {
		return "no label " + key
	}
	return key + "=" + value
}

// provenance is what verification reads of a SLSA provenance predicate,
// in either version BuildKit writes.
type provenance struct {
	frontend, source string
	args             map[string]string
	// dependencies maps "pkg:docker/..." addresses to their sha256.
	dependencies map[string]string
}

// readProvenance finds the SLSA provenance among the attestation's layers.
func readProvenance(att v1.Image) (*provenance, error) {
	m, err := att.Manifest()
	if err != nil {
		return nil, err
	}
	for _, l := range m.Layers {
		if !strings.HasPrefix(l.Annotations["in-toto.io/predicate-type"], "https://slsa.dev/provenance/") {
			continue
		}
		layer, err := att.LayerByDigest(l.Digest)
		if err != nil {
			return nil, err
		}
		rc, err := layer.Compressed()
		if err != nil {
			return nil, err
		}
		dt, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		return parseProvenance(dt)
	}
	return &provenance{}, nil
}

type slsaDependency struct {
	URI    string            `json:"uri"`
	Digest map[string]string `json:"digest"`
}

type slsaRequest struct {
	Frontend string            `json:"frontend"`
	Args     map[string]string `json:"args"`
}

func parseProvenance(dt []byte) (*provenance, error) {
	var st struct {
		Predicate struct {
			// SLSA v1
			BuildDefinition struct {
				ResolvedDependencies []slsaDependency `json:"resolvedDependencies"`
				ExternalParameters   struct {
					Request slsaRequest `json:"request"`
				} `json:"externalParameters"`
			} `json:"buildDefinition"`
			// SLSA v0.2
			Invocation struct {
				Parameters slsaRequest `json:"parameters"`
			} `json:"invocation"`
			Materials []slsaDependency `json:"materials"`
		} `json:"predicate"`
	}
	if err := json.Unmarshal(dt, &st); err != nil {
		return nil, errors.Wrap(err, "parse the provenance")
	}
	p := st.Predicate
	req, deps := p.BuildDefinition.ExternalParameters.Request, p.BuildDefinition.ResolvedDependencies
	if req.Frontend == "" {
		req, deps = p.Invocation.Parameters, p.Materials
	}
	prov := &provenance{frontend: req.Frontend, source: req.Args["source"], args: req.Args, dependencies: map[string]string{}}
	for _, d := range deps {
		prov.dependencies[d.URI] = d.Digest["sha256"]
	}
	return prov, nil
}

// ran says whether the build ran the frontend image want (a repository,
// with or without a digest), and what the provenance shows.
func (p *provenance) ran(want string) (bool, string) {
	if p.frontend == "" {
		return false, "the attestation holds no provenance"
	}
	shown := fmt.Sprintf("frontend %s, source %q", p.frontend, p.source)
	if p.frontend != "gateway.v0" || p.source == "" {
		return false, shown
	}
	wantRef, err := name.ParseReference(want)
	if err != nil {
		return false, err.Error()
	}
	gotRef, err := name.ParseReference(p.source)
	if err != nil || gotRef.Context().Name() != wantRef.Context().Name() {
		return false, shown
	}
	// A named context can stand in for the frontend image itself: BuildKit
	// looks the gateway source up among them.
	for k := range p.args {
		ctxName, ok := strings.CutPrefix(k, "context:")
		ctxName, _, _ = strings.Cut(ctxName, "::")
		if ref, err := name.ParseReference(ctxName); ok && err == nil && ref.Context().Name() == wantRef.Context().Name() {
			return false, shown + ", but the build replaced it through the named context " + k
		}
	}
	// The frontend image the build resolved is among the dependencies.
	wantRepo := strings.TrimPrefix(wantRef.Context().Name(), "index.docker.io/")
	d, pinned := wantRef.(name.Digest)
	for uri, sum := range p.dependencies {
		repo, _, _ := strings.Cut(strings.TrimPrefix(uri, "pkg:docker/"), "@")
		if repo != wantRepo {
			continue
		}
		if !pinned {
			return true, shown + ", image sha256:" + sum
		}
		if "sha256:"+sum == d.DigestStr() {
			return true, shown + ", image " + d.DigestStr()
		}
	}
	if pinned {
		return false, shown + ", not the image " + d.DigestStr()
	}
	return false, shown + ", but the image it ran is not among the build's dependencies"
}
