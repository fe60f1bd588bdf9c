package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/safe-dockerfile/safe-dockerfile/registry"
	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// Result is what check or fix did, file by file.
type Result struct {
	// Fix is set for the fix command: fixed findings are applied (or, for
	// a diff, shown) rather than only reported.
	Fix   bool
	Files []*File
}

// File is one Dockerfile's outcome.
type File struct {
	// Path is the file as found: relative when it was given relative.
	Path string
	// Source is the file's content as read.
	Source []byte
	// Report is the transform's report; nil when Err is set.
	Report *transform.Report
	// Err says why the file could not be checked or written.
	Err error
	// Written is set when fix wrote Report.Output back to Path.
	Written bool
}

// Check runs every rule over the Dockerfiles that cfg.Paths name, with
// the options a build would give the frontend. A file that cannot be read
// or checked gets its error in its File; the returned error is for the
// command as a whole: bad paths, or no Dockerfile at all.
func Check(ctx context.Context, cfg Config) (*Result, error) {
	paths, err := findDockerfiles(cfg.Paths)
	if err != nil {
		return nil, err
	}
	if cfg.Context != "" {
		if st, err := os.Stat(cfg.Context); err != nil || !st.IsDir() {
			return nil, &UsageError{Err: fmt.Errorf("--context %s: no such folder", cfg.Context)}
		}
	}
	if !cfg.Offline && cfg.Resolver == nil {
		cfg.Resolver = registry.New(registry.WithUserAgent("safe-dockerfile/" + Version()))
	}

	res := &Result{}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		res.Files = append(res.Files, checkFile(ctx, &cfg, p))
	}
	return res, nil
}

func checkFile(ctx context.Context, cfg *Config, path string) *File {
	f := &File{Path: path}
	dt, err := os.ReadFile(path)
	if err != nil {
		f.Err = fmt.Errorf("read %s: %w", path, err)
		return f
	}
	f.Source = dt

	opt, err := cfg.Options(path)
	if err != nil {
		f.Err = err
		return f
	}
	f.Report, f.Err = transform.Run(ctx, dt, opt)
	return f
}
