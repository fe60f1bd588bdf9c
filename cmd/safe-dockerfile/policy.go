package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/safe-dockerfile/safe-dockerfile/cli"
	"github.com/safe-dockerfile/safe-dockerfile/policy"
)

const policyUsage = `usage: safe-dockerfile policy validate FILE...

Checks policy files as the frontend reads them: every field, rule ID,
action and date, each error with its line. For each valid file it prints
the name, version and digest that images built under it carry (see
safe-dockerfile verify).
Exit codes: 0 every file is valid, 1 one is not, 2 usage error.
`

func policyCmd(args []string) int {
	if len(args) == 0 || isHelp(args) {
		fmt.Print(policyUsage)
		if len(args) == 0 {
			return cli.ExitError
		}
		return cli.ExitOK
	}
	if args[0] != "validate" || len(args) < 2 {
		return fail(&cli.UsageError{Err: errors.New("usage: safe-dockerfile policy validate FILE...")}, "policy")
	}
	code := cli.ExitOK
	for _, name := range args[1:] {
		dt, err := os.ReadFile(name)
		if err != nil {
			return fail(err, "")
		}
		p, err := policy.Load(name, dt)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%v\n", err)
			code = cli.ExitFindings
			continue
		}
		who := strings.TrimSpace(p.Metadata.Name + " " + p.Metadata.Version)
		if who == "" {
			who = "no metadata name or version"
		}
		fmt.Printf("%s: valid: %s, %s\n", name, who, p.Digest)
	}
	return code
}
