package frontend

import (
	"context"
	"io/fs"
	"slices"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/moby/buildkit/frontend/gateway/client"
	"github.com/pkg/errors"
)

// contextFS reads files of the main build context for the rules, after
// .dockerignore, as the build itself sees them. Each question transfers
// only the path it is about: FollowPaths limits the local source to it,
// and a directory is asked about with its content excluded.
type contextFS struct {
	b      *build
	ignore []string
}

// ReadFile implements transform.ContextFS.
func (c *contextFS) ReadFile(ctx context.Context, name string) ([]byte, error) {
	ref, err := c.load(ctx, name, false)
	if err != nil {
		return nil, err
	}
	if ref == nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	if st, err := ref.StatFile(ctx, client.StatRequest{Path: name}); err != nil || st.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	return dockerui.ReadFile(ctx, ref, name)
}

// Exists implements transform.ContextFS.
func (c *contextFS) Exists(ctx context.Context, name string) (bool, error) {
	ref, err := c.load(ctx, name, true)
	if err != nil || ref == nil {
		return false, err
	}
	_, err = ref.StatFile(ctx, client.StatRequest{Path: name})
	return err == nil, nil
}

// load solves the context with only name in it; with bare, a directory
// comes without its content.
func (c *contextFS) load(ctx context.Context, name string, bare bool) (client.Reference, error) {
	opts := []llb.LocalOption{llb.FollowPaths([]string{name}), dockerui.WithInternalName("load " + name)}
	if bare {
		opts = append(opts, llb.ExcludePatterns(append(slices.Clone(c.ignore), name+"/*")))
	}
	st, err := c.b.bc.MainContext(ctx, opts...)
	if err != nil {
		return nil, errors.Wrap(err, "load the build context")
	}
	def, err := st.Marshal(ctx)
	if err != nil {
		return nil, err
	}
	res, err := c.b.c.Solve(ctx, client.SolveRequest{Definition: def.ToPB()})
	if err != nil {
		return nil, errors.Wrapf(err, "load %s from the build context", name)
	}
	return res.SingleRef()
}
