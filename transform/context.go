package transform

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/moby/patternmatcher"
)

// ContextFS reads the build context as BuildKit sends it: a file that
// .dockerignore leaves out is not there.
type ContextFS interface {
	// ReadFile returns the content of the file at the slash-separated
	// path name; a missing file gives an error matching fs.ErrNotExist.
	ReadFile(ctx context.Context, name string) ([]byte, error)
	// Exists reports whether name is in the context, as a file or a
	// directory, without reading it.
	Exists(ctx context.Context, name string) (bool, error)
}

// DirContext is a build context in a directory, filtered by the
// .dockerignore patterns given.
type DirContext struct {
	Dir    string
	Ignore []string
}

// ReadFile implements ContextFS.
func (d DirContext) ReadFile(ctx context.Context, name string) ([]byte, error) {
	if ok, err := d.Exists(ctx, name); err != nil || !ok {
		return nil, errors.Join(err, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist})
	}
	return os.ReadFile(filepath.Join(d.Dir, filepath.FromSlash(name)))
}

// Exists implements ContextFS.
func (d DirContext) Exists(_ context.Context, name string) (bool, error) {
	if len(d.Ignore) > 0 {
		pm, err := patternmatcher.New(d.Ignore)
		if err != nil {
			return false, err
		}
		if ignored, err := pm.MatchesOrParentMatches(name); err != nil || ignored {
			return false, err
		}
	}
	_, err := os.Stat(filepath.Join(d.Dir, filepath.FromSlash(name)))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}
