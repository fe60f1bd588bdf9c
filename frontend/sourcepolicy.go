package frontend

import (
	"context"
	"regexp"
	"slices"

	"github.com/moby/buildkit/client/llb/sourceresolver"
	spb "github.com/moby/buildkit/sourcepolicy/pb"
	digest "github.com/opencontainers/go-digest"

	"github.com/safe-dockerfile/safe-dockerfile/policy"
	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// sourcePolicies turns the policy into BuildKit source policies, which
// BuildKit applies to every source the build loads, including those the
// Dockerfile's rules cannot see: ONBUILD triggers of a base image, a named
// context that replaces an image, an image or a URL whose name only a
// build argument spells out. Two are made:
//
//   - images: when UntrustedRegistry fails builds, only the Docker
//     Official Images and the trusted registries may be loaded;
//   - downloads: when UnsafeAdd fails or fixes, an http or https source
//     must carry a checksum.
//
// A rule that an exception covers in this build gets no source policy:
// the exception wins, as it does for the rule itself.
func sourcePolicies(eff *policy.Effective, rep *transform.Report) []*spb.Policy {
	excepted := map[string]bool{}
	for _, r := range rep.Excepted() {
		excepted[r.Rule.ID] = true
	}
	enforced := func(id string, actions ...transform.Action) bool {
		return !excepted[id] && slices.Contains(actions, eff.Action(id))
	}

	var out []*spb.Policy
	if enforced(transform.UntrustedRegistry.ID, transform.ActionError) {
		out = append(out, imagePolicy(eff.TrustedRegistries()))
	}
	if enforced(transform.UnsafeAdd.ID, transform.ActionError, transform.ActionFix) {
		out = append(out, downloadPolicy())
	}
	return out
}

// imagePolicy denies every image but those the UntrustedRegistry rule
// trusts (transform.TrustedPrefixes). Within a policy the last rule that
// matches decides.
func imagePolicy(trusted []string) *spb.Policy {
	rules := []*spb.Rule{{
		Action:   spb.PolicyAction_DENY,
		Selector: &spb.Selector{Identifier: "docker-image://*", MatchType: spb.MatchType_WILDCARD},
	}}
	for _, prefix := range transform.TrustedPrefixes(trusted) {
		rules = append(rules, &spb.Rule{
			Action: spb.PolicyAction_ALLOW,
			Selector: &spb.Selector{
				Identifier: "^docker-image://" + regexp.QuoteMeta(prefix) + "([/:@].*)?$",
				MatchType:  spb.MatchType_REGEX,
			},
		})
	}
	return &spb.Policy{Version: 1, Rules: rules}
}

// downloadPolicy denies http and https sources without a checksum.
func downloadPolicy() *spb.Policy {
	var rules []*spb.Rule
	for _, scheme := range []string{"http", "https"} {
		rules = append(rules, &spb.Rule{
			Action: spb.PolicyAction_DENY,
			Selector: &spb.Selector{
				Identifier:  scheme + "://*",
				MatchType:   spb.MatchType_WILDCARD,
				Constraints: []*spb.AttrConstraint{{Key: "http.checksum", Value: "", Condition: spb.AttrMatch_EQUAL}},
			},
		})
	}
	return &spb.Policy{Version: 1, Rules: rules}
}

// policedResolver resolves image configurations under the source
// policies, so that a denied base image fails when dockerfile2llb looks
// it up, before anything is pulled.
type policedResolver struct {
	sourceresolver.ImageMetaResolver
	policies []*spb.Policy
}

func (r policedResolver) ResolveImageConfig(ctx context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	opt.SourcePolicies = append(slices.Clone(opt.SourcePolicies), r.policies...)
	return r.ImageMetaResolver.ResolveImageConfig(ctx, ref, opt)
}
