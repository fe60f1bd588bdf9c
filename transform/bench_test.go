package transform

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerui"
	digest "github.com/opencontainers/go-digest"
)

// offlineMeta answers BuildKit's image lookups with an empty image, the
// counterpart of fakeResolver, so that the lint never leaves the machine.
type offlineMeta struct{}

func (offlineMeta) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	return ref, digest.FromString(ref), []byte(`{"architecture":"amd64","os":"linux","config":{}}`), nil
}

// BenchmarkCorpus measures the whole rule set against BuildKit's own build
// checks (dockerfile2llb.DockerfileLint, in process, no daemon) on each
// file of the shared corpus, side by side in one run. Image lookups use
// the test resolver, so the figures are the engine's own cost.
func BenchmarkCorpus(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(sharedDir, "corpus", "*"))
	if len(files) == 0 {
		b.Skip("no shared corpus")
	}
	ctx := context.Background()
	for _, file := range files {
		dt, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		name := filepath.Base(file)
		b.Run("safe-dockerfile/"+name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = Run(ctx, dt, Options{Resolver: fakeResolver{}})
			}
		})
		b.Run("buildkit-lint/"+name, func(b *testing.B) {
			b.ReportAllocs()
			opt := dockerfile2llb.ConvertOpt{
				Config:       dockerui.Config{},
				SourceMap:    llb.NewSourceMap(nil, name, "Dockerfile", dt),
				MetaResolver: offlineMeta{},
			}
			opt.SourceMap.Definition = &llb.Definition{}
			for b.Loop() {
				_, _ = dockerfile2llb.DockerfileLint(ctx, dt, opt)
			}
		})
	}
}
