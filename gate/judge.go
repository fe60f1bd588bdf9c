package gate

import (
	controlapi "github.com/moby/buildkit/api/services/control"
	gatewaypb "github.com/moby/buildkit/frontend/gateway/pb"
	"google.golang.org/protobuf/proto"
)

// Judge decides on build requests. Its methods never change the request
// they are given: a request that may go on comes back as a judged copy.
type Judge struct {
	// Frontend is the image every build must run.
	Frontend Frontend
	// AllowLLB lets through requests that bring their own LLB definition,
	// for trusted automation that builds without a Dockerfile. Off by
	// default: such a build is judged by no frontend.
	AllowLLB bool
}

// What a request that names neither a frontend nor a definition is.
const (
	// On the Control API, it is a build whose frontend runs on the
	// client (buildx does every build this way): its solves arrive on the
	// LLBBridge API and are judged there.
	clientBuild = "client-side build; each solve it sends is judged"
	// On the LLBBridge API, it solves nothing and returns an empty result.
	emptySolve = "empty solve"
)

// ControlSolve judges a Solve on the Control API, the request that starts
// a build and says how its result is exported.
func (j Judge) ControlSolve(req *controlapi.SolveRequest) (*controlapi.SolveRequest, Decision) {
	out := proto.CloneOf(req)

	why := unknownFields(out)
	why = append(why, exporterReasons(out.ExporterDeprecated, out.ExporterAttrsDeprecated)...)
	for _, e := range out.Exporters {
		why = append(why, exporterReasons(e.GetType(), e.GetAttrs())...)
	}
	if out.EnableSessionExporter {
		why = append(why, "exporters chosen over the session could override the image the frontend built")
	}
	why = append(why, sourcePolicyReasons(out.SourcePolicy)...)
	if out.SourcePolicySession != "" {
		why = append(why, "a source policy answered over the session could replace the frontend image "+
			"(remove the Dockerfile.rego file or the --policy flag)")
	}
	why = append(why, j.inputReasons(out.FrontendInputs)...)

	sel := j.selectFrontend(out.Frontend, out.FrontendAttrs, out.Definition != nil, clientBuild)
	if why = append(why, sel.refusals...); len(why) > 0 {
		return nil, refused(why)
	}
	out.Frontend, out.FrontendAttrs = sel.frontend, sel.attrs
	return out, sel.decision
}

// BridgeSolve judges a Solve on the LLBBridge API: a frontend running on
// the client asks the daemon to run a frontend or an LLB definition.
func (j Judge) BridgeSolve(req *gatewaypb.SolveRequest) (*gatewaypb.SolveRequest, Decision) {
	out := proto.CloneOf(req)

	why := unknownFields(out)
	why = append(why, sourcePolicyReasons(out.SourcePolicies...)...)
	why = append(why, j.inputReasons(out.FrontendInputs)...)

	sel := j.selectFrontend(out.Frontend, out.FrontendOpt, out.Definition != nil, emptySolve)
	if why = append(why, sel.refusals...); len(why) > 0 {
		return nil, refused(why)
	}
	out.Frontend, out.FrontendOpt = sel.frontend, sel.attrs
	return out, sel.decision
}
