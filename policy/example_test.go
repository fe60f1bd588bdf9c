package policy_test

import (
	"context"
	"fmt"

	"github.com/safe-dockerfile/safe-dockerfile/policy"
	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

const orgYAML = `apiVersion: safe-dockerfile/v1
kind: Policy
metadata: {name: acme, version: "7"}
rules:
  RootUser: error
  MissingHealthcheck: {action: warn, relax: true}
exceptions:
  - rule: RootUser
    images: [ghcr.io/acme/agent]
    reason: the agent must run as root
`

// A repository tries to loosen a rule the organisation keeps, and is
// refused; the build options loosen one the organisation lets go, and the
// policy's exception covers the agent image's finding.
func Example() {
	org, err := policy.Load("policy.yaml", []byte(orgYAML))
	if err != nil {
		fmt.Println(err)
		return
	}
	repo, err := policy.Load(".safe-dockerfile.yaml", []byte(
		"apiVersion: safe-dockerfile/v1\nkind: Policy\nrules:\n  RootUser: warn\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := policy.Resolve(org, repo, nil); err != nil {
		fmt.Println(err)
	}

	build, err := policy.FromBuildArgs(map[string]string{
		policy.BuildArgRules: "MissingHealthcheck=off",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	eff, err := policy.Resolve(org, nil, build)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("MissingHealthcheck:", eff.Action("MissingHealthcheck"))

	opt := eff.Options(transform.Options{
		Filename: "Dockerfile",
		Rules:    []*transform.Rule{transform.RootUser},
	})
	rep, err := transform.Run(context.Background(), []byte("FROM ghcr.io/acme/agent:2\nUSER root\n"), opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rep.Results {
		fmt.Printf("line %d: %s: %s: %s\n", r.Location.Start.Line, r.Rule.ID, r.Outcome, r.Advice())
	}
	// Output:
	// .safe-dockerfile.yaml:4: rules.RootUser.action: the repository policy may not loosen RootUser from error to warn: the organisation policy "acme" does not let RootUser be relaxed (that needs relax: true there)
	// MissingHealthcheck: off
	// line 2: RootUser: excepted: policy exception (policy.yaml:8): the agent must run as root
}

func ExampleEffective_Describe() {
	org, err := policy.Load("/etc/safe-dockerfile/policy.yaml", []byte(orgYAML))
	if err != nil {
		fmt.Println(err)
		return
	}
	build, err := policy.FromBuildArgs(map[string]string{policy.BuildArgRules: "RootUser=error"})
	if err != nil {
		fmt.Println(err)
		return
	}
	eff, err := policy.Resolve(org, nil, build)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(eff.Describe())
	// Output:
	// policy "acme" version 7, sha256:ae3144cef0218600b272d707129d0788f0adfdcfaa2ab4a42221ad05a0d9e6c7
	//   organisation policy: /etc/safe-dockerfile/policy.yaml, "acme" version 7, sha256:831906916af69c8a5e5e82d439f42cffa61b2d55d4040ac7815de8a21cd2f2d5
	//   build options: SAFE_DOCKERFILE_RULES, sha256:3cbb854158a2d33636f4da8a905145650d8f075e034dcdd0f68129d69dcecc0f
}
