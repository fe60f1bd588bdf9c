package inspect

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// Main is the inspect mode of the frontend binary, which the frontend runs
// as a build step over the built filesystem (mounted read-only, no
// network): BuildKit caches the step with its inputs, so an unchanged image
// is not walked again. It writes the Report as JSON to -out and its summary
// to stdout, where the build's progress shows it.
func Main(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	target := fs.String("target", "", "the built filesystem")
	base := fs.String("base", "", "the base image's filesystem, if any")
	pathList := fs.String("path", "", "the image's PATH")
	out := fs.String("out", "", "where to write the report")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *target == "" || *out == "" {
		return fmt.Errorf("inspect needs -target and -out")
	}
	opt := Options{PATH: strings.Split(*pathList, ":")}
	if *base != "" {
		opt.Base = DirFS(*base)
	}
	rep, err := Inspect(ctx, DirFS(*target), opt)
	if err != nil {
		return err
	}
	dt, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, dt, 0o644); err != nil {
		return err
	}
	noun := "findings"
	if len(rep.Findings) == 1 {
		noun = "finding"
	}
	fmt.Fprintf(stdout, "%s, %d %s\n", rep.Summary(), len(rep.Findings), noun)
	for _, f := range rep.Findings {
		fmt.Fprintf(stdout, "  %s: %s\n", f.Kind, f.Message)
	}
	return nil
}
