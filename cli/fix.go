package cli

import (
	"context"
	"fmt"
	"os"
)

// Fix checks as Check does and writes each fixed Dockerfile back in
// place, keeping its mode. With write unset it writes nothing: the
// result then holds what WriteDiff shows. Findings that no fix covers
// stay in the result, so ExitCode still reports them.
func Fix(ctx context.Context, cfg Config, write bool) (*Result, error) {
	res, err := Check(ctx, cfg)
	if err != nil {
		return nil, err
	}
	res.Fix = true
	if !write {
		return res, nil
	}
	for _, f := range res.Files {
		if f.Err != nil || !f.Report.Changed() {
			continue
		}
		if err := writeInPlace(f.Path, f.Report.Output); err != nil {
			f.Err = err
			continue
		}
		f.Written = true
	}
	return res, nil
}

// writeInPlace rewrites the file's content; the file keeps its inode,
// mode and owner, so links to it and its permissions stay as they were.
func writeInPlace(path string, dt []byte) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.WriteFile(path, dt, fi.Mode().Perm()); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
