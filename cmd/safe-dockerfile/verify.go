package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	digest "github.com/opencontainers/go-digest"

	"github.com/safe-dockerfile/safe-dockerfile/cli"
)

const verifyUsage = `usage: safe-dockerfile verify [flags] IMAGE

Checks that IMAGE, in its registry, was built through safe-dockerfile: the
labels the frontend sets on every image name the policy that judged it, and
with --frontend, BuildKit's provenance attestation names the frontend image.
Exit codes: 0 verified, 1 not verified, 2 usage or registry error.

Flags:
`

func verify(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	fs.Usage = func() {
		fmt.Fprint(os.Stderr, verifyUsage)
		fs.PrintDefaults()
	}
	policyFile := fs.String("policy", "", "the organisation policy `FILE` the image must have been judged by")
	policyDigest := fs.String("policy-digest", "", "the sha256 `DIGEST` of that policy file, instead of --policy")
	frontend := fs.String("frontend", "", "the frontend `IMAGE` (repository, optionally @digest) the provenance must name")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cli.ExitOK
		}
		return fail(&cli.UsageError{Err: err}, "verify")
	}
	if fs.NArg() != 1 {
		return fail(&cli.UsageError{Err: errors.New("verify takes one image")}, "verify")
	}

	want := cli.VerifyWant{Frontend: *frontend}
	switch {
	case *policyFile != "" && *policyDigest != "":
		return fail(&cli.UsageError{Err: errors.New("give --policy or --policy-digest, not both")}, "verify")
	case *policyFile != "":
		dt, err := os.ReadFile(*policyFile)
		if err != nil {
			return fail(err, "")
		}
		want.PolicyDigest = digest.FromBytes(dt)
	case *policyDigest != "":
		d, err := digest.Parse(*policyDigest)
		if err != nil {
			return fail(&cli.UsageError{Err: err}, "verify")
		}
		want.PolicyDigest = d
	}

	v, err := cli.Verify(ctx, fs.Arg(0), want)
	if err != nil {
		return fail(err, "")
	}
	fmt.Println(v.Image)
	for _, c := range v.Checks {
		status := "ok  "
		if !c.OK {
			status = "FAIL"
		}
		platform := c.Platform
		if platform == "" {
			platform = "-"
		}
		fmt.Printf("  %s  %-12s %s: %s\n", status, platform, c.What, c.Detail)
	}
	if !v.OK() {
		fmt.Println("not verified")
		return cli.ExitFindings
	}
	fmt.Println("verified")
	return cli.ExitOK
}
