package transform

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// FuzzTransform checks the transform's promises on any input: no panic,
// the output parses with every instruction on its lines (or where a join
// or a move put it), and fixing the output again changes nothing and finds
// nothing left to fix. The optimisations are on, and the build context is
// one where the dependency-first move applies.
func FuzzTransform(f *testing.F) {
	for _, pattern := range []string{"testdata/rules/*.Dockerfile", "testdata/fuzz/*.Dockerfile",
		filepath.Join(sharedDir, "cases", "*.Dockerfile")} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if dt, err := os.ReadFile(file); err == nil {
				f.Add(dt)
			}
		}
	}
	f.Fuzz(func(t *testing.T, dt []byte) {
		checkFixProperties(t, dt, fuzzOptions)
	})
}

var fuzzOptions = Options{
	Resolver: fakeResolver{},
	Context:  DirContext{Dir: filepath.Join("testdata", "contexts", "deps-ok")},
	Actions:  map[string]Action{"CacheMounts": ActionFix, "MergeRuns": ActionFix},
}

// checkFixProperties runs the transform on dt and checks what every fix
// promises: no internal error, the same instructions on the same lines,
// and a second run that changes nothing and finds nothing left to fix. It
// returns both reports, or nils when dt does not parse.
func checkFixProperties(t *testing.T, dt []byte, opt Options) (rep, again *Report) {
	t.Helper()
	rep, err := Run(context.Background(), dt, opt)
	if err != nil {
		if strings.Contains(err.Error(), "internal error") {
			t.Fatalf("%v\ninput:\n%s", err, dt)
		}
		return nil, nil
	}
	if bytes.Count(rep.Output, []byte("\n")) != bytes.Count(dt, []byte("\n")) {
		t.Fatalf("line count changed:\n%s", rep.Output)
	}
	// The engine skips this parse when keepsShape says it may.
	var joins []parser.Range
	var moves []Move
	for _, r := range rep.Results {
		if r.Outcome != Fixed {
			continue
		}
		if r.Join.Start.Line > 0 {
			joins = append(joins, r.Join)
		}
		if r.Move != nil {
			moves = append(moves, *r.Move)
		}
	}
	if _, err := checkShape(rep.Dockerfile, rep.Output, wantShape(rep.Dockerfile, joins, moves)); err != nil {
		t.Fatalf("the fix changed the instructions: %v\n%s", err, rep.Output)
	}
	again, err = Run(context.Background(), rep.Output, opt)
	if err != nil {
		t.Fatalf("the fixed output fails: %v\n%s", err, rep.Output)
	}
	if !bytes.Equal(again.Output, rep.Output) {
		t.Fatalf("fixing twice differs from fixing once:\n%s\n---\n%s", rep.Output, again.Output)
	}
	for _, r := range again.Results {
		if r.Outcome == Fixed {
			t.Fatalf("line %d: %s still fixable after the fix: %s", r.Location.Start.Line, r.Rule.ID, r.Message)
		}
	}
	return rep, again
}
