package gate

import (
	"fmt"
	"maps"
	"slices"

	"github.com/moby/buildkit/solver/pb"
	"github.com/pkg/errors"
	"google.golang.org/protobuf/proto"
)

// inputReasons judges the LLB definitions a request hands the frontend as
// named inputs. Sources (images, git, HTTP, local files) and file, merge
// and diff operations are what a build context is made of and pass; an
// input that runs commands (exec) or builds nested LLB (build) is a build
// of its own that no frontend judges, so it is refused unless raw LLB is
// allowed. This refuses bake's target: contexts, whose inputs hold the
// other target's RUN steps.
func (j Judge) inputReasons(inputs map[string]*pb.Definition) []string {
	if j.AllowLLB {
		return nil
	}
	var why []string
	for _, name := range slices.Sorted(maps.Keys(inputs)) {
		kind, err := runningOp(inputs[name])
		switch {
		case err != nil:
			why = append(why, fmt.Sprintf("frontend input %q: %v", name, err))
		case kind != "":
			why = append(why, fmt.Sprintf("frontend input %q holds an LLB %s operation, "+
				"which no frontend judges", name, kind))
		}
	}
	return why
}

// runningOp names the first operation in def that runs something, or
// returns "" when there is none.
func runningOp(def *pb.Definition) (string, error) {
	for _, dt := range def.GetDef() {
		var op pb.Op
		if err := proto.Unmarshal(dt, &op); err != nil {
			return "", errors.Wrap(err, "decode LLB operation")
		}
		switch op.GetOp().(type) {
		case *pb.Op_Exec:
			return "exec", nil
		case *pb.Op_Build:
			return "build", nil
		}
	}
	return "", nil
}
