// Command safe-dockerfile checks Dockerfiles against the safe-dockerfile
// rules without BuildKit, and fixes what the rules can fix.
//
//	safe-dockerfile check [flags] [PATH...]
//	safe-dockerfile fix [flags] [--diff] [PATH...]
//	safe-dockerfile rules
//	safe-dockerfile explain RULE
//	safe-dockerfile verify [flags] IMAGE
//	safe-dockerfile policy validate FILE...
//	safe-dockerfile version
//
// Exit codes: 0 when no finding fails a build, 1 when one does (for fix:
// when one is left after fixing), 2 for usage errors and for files that
// cannot be found, read, parsed, resolved or written. See docs/cli.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/safe-dockerfile/safe-dockerfile/cli"
)

const usage = `usage: safe-dockerfile COMMAND [flags] [PATH...]

Commands:
  check     report the findings of every rule (no BuildKit needed)
  fix       apply every fix in place, or print them as a diff with --diff
  rules     list the rules
  explain   print a rule's page: safe-dockerfile explain RULE
  verify    check that an image in a registry was built through safe-dockerfile
  policy    validate policy files: safe-dockerfile policy validate FILE...
  version   print the version

Run 'safe-dockerfile COMMAND -h' for a command's flags.
Exit codes: 0 nothing fails a build, 1 a finding does, 2 usage or input error.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return cli.ExitError
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "check":
		return check(ctx, rest, false)
	case "fix":
		return check(ctx, rest, true)
	case "rules":
		return rules(rest)
	case "explain":
		return explain(rest)
	case "verify":
		return verify(ctx, rest)
	case "policy":
		return policyCmd(rest)
	case "version", "--version":
		fmt.Println("safe-dockerfile", cli.Version())
		return cli.ExitOK
	case "help", "-h", "-help", "--help":
		fmt.Print(usage)
		return cli.ExitOK
	}
	return fail(&cli.UsageError{Err: fmt.Errorf("unknown command %q", cmd)}, "")
}

// check runs the check or fix command.
func check(ctx context.Context, args []string, fix bool) int {
	name := "check"
	if fix {
		name = "fix"
	}
	f, err := parseCheckFlags(name, args)
	if errors.Is(err, flag.ErrHelp) {
		return cli.ExitOK
	}
	if err != nil {
		return fail(err, name)
	}

	if !fix {
		res, err := cli.Check(ctx, f.config)
		if err != nil {
			return fail(err, name)
		}
		return report(os.Stdout, res, f.format)
	}

	res, err := cli.Fix(ctx, f.config, !f.diff)
	if err != nil {
		return fail(err, name)
	}
	if !f.diff {
		return report(os.Stdout, res, f.format)
	}
	cwd, _ := os.Getwd()
	if err := cli.WriteDiff(os.Stdout, res, cwd); err != nil {
		return fail(err, "")
	}
	// The diff owns standard output; the findings go to standard error.
	return report(os.Stderr, res, cli.FormatText)
}

// report writes res and returns the exit code it calls for.
func report(w *os.File, res *cli.Result, format cli.Format) int {
	if err := cli.Write(w, res, format, useColor(w)); err != nil {
		return fail(err, "")
	}
	return cli.ExitCode(res, nil)
}

func rules(args []string) int {
	if isHelp(args) {
		fmt.Println("usage: safe-dockerfile rules\n\nLists every rule: its ID, default action and summary.")
		return cli.ExitOK
	}
	if len(args) > 0 {
		return fail(&cli.UsageError{Err: errors.New("rules takes no arguments")}, "")
	}
	if err := cli.WriteRules(os.Stdout); err != nil {
		return fail(err, "")
	}
	return cli.ExitOK
}

func explain(args []string) int {
	if isHelp(args) {
		fmt.Println("usage: safe-dockerfile explain RULE\n\nPrints the rule's page; `safe-dockerfile rules` lists the rules.")
		return cli.ExitOK
	}
	if len(args) != 1 || args[0] == "" || args[0][0] == '-' {
		return fail(&cli.UsageError{Err: errors.New("usage: safe-dockerfile explain RULE")}, "")
	}
	if err := cli.Explain(os.Stdout, args[0]); err != nil {
		return fail(err, "")
	}
	return cli.ExitOK
}

func isHelp(args []string) bool {
	return len(args) == 1 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help")
}

// fail prints err and returns its exit code, with a hint for usage errors.
func fail(err error, cmd string) int {
	fmt.Fprintf(os.Stderr, "safe-dockerfile: %v\n", err)
	if cli.IsUsage(err) {
		hint := "run 'safe-dockerfile help' for usage"
		if cmd != "" {
			hint = "run 'safe-dockerfile " + cmd + " -h' for usage"
		}
		fmt.Fprintln(os.Stderr, hint)
	}
	return cli.ExitError
}

// useColor reports whether to colour output on w: only on a terminal, and
// never when NO_COLOR is set or TERM is dumb.
func useColor(w io.Writer) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
