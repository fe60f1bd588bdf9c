package gate

import (
	"fmt"

	spb "github.com/moby/buildkit/sourcepolicy/pb"
)

// sourcePolicyReasons judges the source policies a request brings. DENY
// and ALLOW rules only narrow what a build may fetch and pass; a CONVERT
// rule rewrites one source into another and applies to the frontend image
// too, so it could swap the enforced frontend for any image.
func sourcePolicyReasons(policies ...*spb.Policy) []string {
	var why []string
	for _, p := range policies {
		for _, r := range p.GetRules() {
			if r.GetAction() == spb.PolicyAction_CONVERT {
				why = append(why, fmt.Sprintf(
					"source policy rule converting %q could replace the frontend image",
					r.GetSelector().GetIdentifier()))
			}
		}
	}
	return why
}
