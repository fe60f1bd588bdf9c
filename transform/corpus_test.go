package transform

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

func itoa(i int) string { return strconv.Itoa(i) }

func runCmd(in Instruction) *instructions.RunCommand {
	return in.Command.(*instructions.RunCommand)
}

// TestCorpus runs every rule over the shared corpus of real Dockerfiles:
// what BuildKit parses we parse, fixes keep the line count and are
// idempotent.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedDir, "corpus", "*"))
	if len(files) == 0 {
		t.Fatalf("no shared corpus in %s", sharedDir)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			dt, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			opt := Options{Resolver: fakeResolver{}}
			rep, err := Run(context.Background(), dt, opt)
			_, theirs := dockerfile2llb.ListTargets(context.Background(), dt)
			if (err == nil) != (theirs == nil) {
				t.Fatalf("ours: %v; BuildKit's: %v", err, theirs)
			}
			if err != nil {
				return
			}
			if bytes.Count(rep.Output, []byte("\n")) != bytes.Count(dt, []byte("\n")) {
				t.Error("fixes changed the line count")
			}
			checkIdempotent(t, rep.Output, opt)
		})
	}
}
