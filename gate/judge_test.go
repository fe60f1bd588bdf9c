package gate

import (
	"context"
	"maps"
	"strings"
	"testing"

	controlapi "github.com/moby/buildkit/api/services/control"
	"github.com/moby/buildkit/client/llb"
	gatewaypb "github.com/moby/buildkit/frontend/gateway/pb"
	"github.com/moby/buildkit/solver/pb"
	spb "github.com/moby/buildkit/sourcepolicy/pb"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

const (
	enforced = "127.0.0.1:5000/safe-dockerfile:dev"
	stock    = "127.0.0.1:5000/dockerfile:v0.34.2"
)

func testJudge(t *testing.T) Judge {
	t.Helper()
	f, err := ParseFrontend(enforced)
	if err != nil {
		t.Fatal(err)
	}
	return Judge{Frontend: f}
}

// definition marshals an LLB state for the requests under test.
func definition(t *testing.T, st llb.State) *pb.Definition {
	t.Helper()
	def, err := st.Marshal(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return def.ToPB()
}

func runsCommand(t *testing.T) *pb.Definition {
	return definition(t, llb.Image("busybox").Run(llb.Shlex("true")).Root())
}

func sourcesOnly(t *testing.T) *pb.Definition {
	return definition(t, llb.Scratch().File(llb.Copy(llb.Local("context"), "/", "/")))
}

// controlCase is one Control API request and what the judge must make of it.
type controlCase struct {
	name     string
	allowLLB bool
	req      func(t *testing.T) *controlapi.SolveRequest
	verdict  Verdict
	// reason is a part of the decision's reason.
	reason string
	// frontend and attrs are what a request let through must carry.
	frontend string
	attrs    map[string]string
}

var controlCases = []controlCase{
	{
		name: "dockerfile frontend is rewritten",
		req: func(*testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "dockerfile.v0", FrontendAttrs: map[string]string{
				"build-arg:A": "1", "target": "final", "cmdline": stock, "build-arg:BUILDKIT_SYNTAX": stock,
				"source": stock, "context:base": "docker-image://busybox",
			}}
		},
		verdict:  Rewritten,
		reason:   "dropped cmdline, build-arg:BUILDKIT_SYNTAX",
		frontend: "gateway.v0",
		attrs: map[string]string{
			"build-arg:A": "1", "target": "final", "source": enforced, "context:base": "docker-image://busybox",
		},
	},
	{
		name: "gateway with the enforced source passes",
		req: func(*testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "gateway.v0",
				FrontendAttrs: map[string]string{"source": enforced, "filename": "app.Dockerfile"}}
		},
		verdict:  Allowed,
		frontend: "gateway.v0",
		attrs:    map[string]string{"source": enforced, "filename": "app.Dockerfile"},
	},
	{
		name: "gateway with another source is refused",
		req: func(*testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "gateway.v0", FrontendAttrs: map[string]string{"source": stock}}
		},
		verdict: Refused,
		reason:  `gateway source "` + stock + `" is not the enforced frontend`,
	},
	{
		name: "gateway without a source is refused",
		req: func(*testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "gateway.v0"}
		},
		verdict: Refused,
		reason:  "is not an image reference",
	},
	{
		name: "another frontend is refused",
		req: func(*testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "mine.v0"}
		},
		verdict: Refused,
		reason:  `frontend "mine.v0" is not allowed`,
	},
	{
		name: "raw LLB is refused",
		req: func(t *testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Definition: runsCommand(t)}
		},
		verdict: Refused,
		reason:  "raw LLB definitions bypass the frontend",
	},
	{
		name:     "raw LLB passes when allowed",
		allowLLB: true,
		req: func(t *testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Definition: runsCommand(t), FrontendAttrs: map[string]string{"k": "v"}}
		},
		verdict: Allowed,
		attrs:   map[string]string{"k": "v"},
	},
	{
		name: "a frontend with a definition is refused",
		req: func(t *testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "dockerfile.v0", Definition: sourcesOnly(t)}
		},
		verdict: Refused,
		reason:  "carries an LLB definition",
	},
	{
		name: "client-side build passes, its solves are judged",
		req: func(*testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Ref: "b1", Exporters: []*controlapi.Exporter{
				{Type: "image", Attrs: map[string]string{"name": "r/app:1", "push": "true", "annotation.a": "b"}}}}
		},
		verdict: Allowed,
		reason:  "client-side build",
	},
	{
		name: "named context replacing the frontend is refused",
		req: func(*testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "dockerfile.v0", FrontendAttrs: map[string]string{
				"context:" + enforced + "::linux/amd64": "docker-image://" + stock}}
		},
		verdict: Refused,
		reason:  "would replace the frontend image",
	},
	{
		name: "exporter overriding the image config is refused",
		req: func(*testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "dockerfile.v0", Exporters: []*controlapi.Exporter{
				{Type: "image", Attrs: map[string]string{"containerimage.config": `{"config":{"User":"0"}}`}}}}
		},
		verdict: Refused,
		reason:  `exporter image attribute "containerimage.config"`,
	},
	{
		name: "deprecated exporter field is judged too",
		req: func(*testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "dockerfile.v0", ExporterDeprecated: "oci",
				ExporterAttrsDeprecated: map[string]string{"refs.platforms": "{}"}}
		},
		verdict: Refused,
		reason:  `exporter oci attribute "refs.platforms"`,
	},
	{
		name: "session exporter is refused",
		req: func(*testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "dockerfile.v0", EnableSessionExporter: true}
		},
		verdict: Refused,
		reason:  "exporters chosen over the session",
	},
	{
		name: "source policy converting is refused",
		req: func(*testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "dockerfile.v0", SourcePolicy: policy(spb.PolicyAction_CONVERT)}
		},
		verdict: Refused,
		reason:  "source policy rule converting",
	},
	{
		name: "source policy denying passes",
		req: func(*testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "dockerfile.v0", SourcePolicy: policy(spb.PolicyAction_DENY)}
		},
		verdict:  Rewritten,
		frontend: "gateway.v0",
		attrs:    map[string]string{"source": enforced},
	},
	{
		name: "source policy session is refused",
		req: func(*testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "dockerfile.v0", SourcePolicySession: "s1"}
		},
		verdict: Refused,
		reason:  "source policy answered over the session",
	},
	{
		name: "input that runs commands is refused",
		req: func(t *testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "dockerfile.v0",
				FrontendInputs: map[string]*pb.Definition{"base": runsCommand(t)}}
		},
		verdict: Refused,
		reason:  `frontend input "base" holds an LLB exec operation`,
	},
	{
		name:     "input that runs commands passes when raw LLB is allowed",
		allowLLB: true,
		req: func(t *testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "dockerfile.v0",
				FrontendInputs: map[string]*pb.Definition{"base": runsCommand(t)}}
		},
		verdict:  Rewritten,
		frontend: "gateway.v0",
		attrs:    map[string]string{"source": enforced},
	},
	{
		name: "input of sources passes",
		req: func(t *testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "dockerfile.v0",
				FrontendInputs: map[string]*pb.Definition{"context": sourcesOnly(t)}}
		},
		verdict:  Rewritten,
		frontend: "gateway.v0",
		attrs:    map[string]string{"source": enforced},
	},
	{
		name: "unknown field is refused",
		req: func(*testing.T) *controlapi.SolveRequest {
			req := &controlapi.SolveRequest{Frontend: "dockerfile.v0"}
			req.ProtoReflect().SetUnknown(protowire.AppendTag(nil, 99, protowire.VarintType))
			req.ProtoReflect().SetUnknown(protowire.AppendVarint(req.ProtoReflect().GetUnknown(), 1))
			return req
		},
		verdict: Refused,
		reason:  "carries fields this gate does not know",
	},
	{
		name: "every reason is given at once",
		req: func(*testing.T) *controlapi.SolveRequest {
			return &controlapi.SolveRequest{Frontend: "mine.v0", SourcePolicySession: "s1"}
		},
		verdict: Refused,
		reason: "source policy answered over the session could replace the frontend image " +
			`(remove the Dockerfile.rego file or the --policy flag); frontend "mine.v0" is not allowed`,
	},
}

func policy(action spb.PolicyAction) *spb.Policy {
	return &spb.Policy{Rules: []*spb.Rule{{
		Action:   action,
		Selector: &spb.Selector{Identifier: "docker-image://" + enforced},
		Updates:  &spb.Update{Identifier: "docker-image://" + stock},
	}}}
}

func TestControlSolve(t *testing.T) {
	for _, c := range controlCases {
		t.Run(c.name, func(t *testing.T) {
			j := testJudge(t)
			j.AllowLLB = c.allowLLB
			req := c.req(t)
			before := proto.CloneOf(req)

			out, d := j.ControlSolve(req)
			checkDecision(t, d, c.verdict, c.reason)
			if !proto.Equal(req, before) {
				t.Error("the judge changed the request it was given")
			}
			if c.verdict == Refused {
				if out != nil {
					t.Error("a refused request came back")
				}
				return
			}
			if out.Frontend != c.frontend {
				t.Errorf("frontend = %q, want %q", out.Frontend, c.frontend)
			}
			if c.attrs != nil && !maps.Equal(out.FrontendAttrs, c.attrs) {
				t.Errorf("attrs = %v, want %v", out.FrontendAttrs, c.attrs)
			}
		})
	}
}

func checkDecision(t *testing.T, d Decision, verdict Verdict, reason string) {
	t.Helper()
	if d.Verdict != verdict {
		t.Fatalf("verdict = %s (%s), want %s", d.Verdict, d.Reason, verdict)
	}
	if !strings.Contains(d.Reason, reason) {
		t.Errorf("reason = %q, want it to contain %q", d.Reason, reason)
	}
}

func TestControlSolvePinnedFrontend(t *testing.T) {
	const pinned = enforced + "@sha256:076be268bf637bae263fb105c5c707f41ef22dea4af24b9ea9b60f1753f23864"
	f, err := ParseFrontend(pinned)
	if err != nil {
		t.Fatal(err)
	}
	out, d := Judge{Frontend: f}.ControlSolve(&controlapi.SolveRequest{
		Frontend: "gateway.v0", FrontendAttrs: map[string]string{"source": enforced}})
	checkDecision(t, d, Allowed, "enforced frontend")
	if got := out.FrontendAttrs["source"]; got != pinned {
		t.Errorf("source = %q, want the pinned reference %q", got, pinned)
	}
}

func TestBridgeSolve(t *testing.T) {
	cases := []struct {
		name    string
		req     func(t *testing.T) *gatewaypb.SolveRequest
		verdict Verdict
		reason  string
	}{
		{"dockerfile frontend is rewritten", func(*testing.T) *gatewaypb.SolveRequest {
			return &gatewaypb.SolveRequest{Frontend: "dockerfile.v0",
				FrontendOpt: map[string]string{"requestid": "frontend.outline", "build-arg:BUILDKIT_SYNTAX": stock}}
		}, Rewritten, "dropped build-arg:BUILDKIT_SYNTAX"},
		{"stock gateway is refused", func(*testing.T) *gatewaypb.SolveRequest {
			return &gatewaypb.SolveRequest{Frontend: "gateway.v0", FrontendOpt: map[string]string{"source": stock}}
		}, Refused, "is not the enforced frontend"},
		{"raw LLB is refused", func(t *testing.T) *gatewaypb.SolveRequest {
			return &gatewaypb.SolveRequest{Definition: sourcesOnly(t)}
		}, Refused, "raw LLB"},
		{"empty solve passes", func(*testing.T) *gatewaypb.SolveRequest {
			return &gatewaypb.SolveRequest{}
		}, Allowed, "empty solve"},
		{"converting source policy is refused", func(*testing.T) *gatewaypb.SolveRequest {
			return &gatewaypb.SolveRequest{Frontend: "dockerfile.v0",
				SourcePolicies: []*spb.Policy{policy(spb.PolicyAction_DENY), policy(spb.PolicyAction_CONVERT)}}
		}, Refused, "source policy rule converting"},
		{"input that runs commands is refused", func(t *testing.T) *gatewaypb.SolveRequest {
			return &gatewaypb.SolveRequest{Frontend: "dockerfile.v0",
				FrontendInputs: map[string]*pb.Definition{"0-a": runsCommand(t)}}
		}, Refused, `frontend input "0-a"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, d := testJudge(t).BridgeSolve(c.req(t))
			checkDecision(t, d, c.verdict, c.reason)
			if c.verdict == Rewritten && (out.Frontend != "gateway.v0" || out.FrontendOpt["source"] != enforced) {
				t.Errorf("rewritten to %q with source %q", out.Frontend, out.FrontendOpt["source"])
			}
		})
	}
}

func TestDecisionErr(t *testing.T) {
	j := testJudge(t)
	if err := rewritten("r").Err(j.Frontend); err != nil {
		t.Errorf("a rewrite is an error: %v", err)
	}
	err := refused([]string{"a", "b", "a"}).Err(j.Frontend)
	st, _ := status.FromError(err)
	if st.Code() != codes.PermissionDenied {
		t.Errorf("code = %s, want PermissionDenied", st.Code())
	}
	for _, want := range []string{
		"only builds with the frontend " + enforced, ": a; b; build with", "docker buildx build",
	} {
		if !strings.Contains(st.Message(), want) {
			t.Errorf("message %q lacks %q", st.Message(), want)
		}
	}
}
