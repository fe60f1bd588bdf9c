package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/safe-dockerfile/safe-dockerfile/cli"
)

// checkFlags are the parsed flags of check and fix.
type checkFlags struct {
	config cli.Config
	format cli.Format
	diff   bool
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// parseCheckFlags parses the flags of check or fix. Flags and paths may
// come in any order; "--" ends the flags.
func parseCheckFlags(cmd string, args []string) (*checkFlags, error) {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed once, by fail
	var (
		buildArgs, platforms listFlag
		format               string
		out                  checkFlags
	)
	fs.Var(&buildArgs, "build-arg", "set a build argument, `KEY=VALUE` (repeatable); "+
		"a bare KEY takes its value from the environment")
	fs.StringVar(&out.config.Target, "target", "", "the `stage` to build (default: the last one)")
	fs.Var(&platforms, "platform", "the target `platforms`, a comma list (repeatable; default: this machine's)")
	fs.StringVar(&out.config.Context, "context", "",
		"the build context `folder` (default: each Dockerfile's folder)")
	fs.StringVar(&out.config.Policy, "policy", "",
		"the organisation policy `file` (default: the built-in policy); "+
			"the context's .safe-dockerfile.yaml may only tighten it")
	fs.BoolVar(&out.config.Offline, "offline", false, "ask no registry: do not pin images or read their users")
	fs.StringVar(&format, "format", "text", "the report `format`: text, json, sarif or github")
	if cmd == "fix" {
		fs.BoolVar(&out.diff, "diff", false,
			"print the fixes as a unified diff (for patch -p0) instead of writing them")
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: safe-dockerfile %s [flags] [PATH...]\n\n", cmd)
		fmt.Fprintf(fs.Output(), "PATH is a Dockerfile or a folder to search (default: the current folder).\n\nFlags:\n")
		fs.PrintDefaults()
	}

	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			fs.SetOutput(os.Stdout)
			fs.Usage()
			return nil, err
		}
		return nil, &cli.UsageError{Err: err}
	}
	out.config.Paths = paths

	if out.format, err = cli.ParseFormat(format); err != nil {
		return nil, err
	}
	if out.diff && out.format != cli.FormatText {
		return nil, &cli.UsageError{Err: fmt.Errorf("--diff prints a diff: it takes no --format")}
	}
	if out.config.BuildArgs, err = cli.ParseBuildArgs(buildArgs, os.LookupEnv); err != nil {
		return nil, err
	}
	if out.config.Platforms, err = cli.ParsePlatforms(platforms); err != nil {
		return nil, err
	}
	return &out, nil
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments, and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
