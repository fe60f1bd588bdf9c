package gate

import (
	"slices"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Verdict is what the gate does with a judged request.
type Verdict string

const (
	// Allowed requests are forwarded as they came, or with only the
	// attributes dropped that could pick another frontend.
	Allowed Verdict = "allowed"
	// Rewritten requests are forwarded to run the enforced frontend
	// instead of the one they asked for.
	Rewritten Verdict = "rewritten"
	// Refused requests never reach buildkitd; the client gets a
	// PermissionDenied error with the reasons.
	Refused Verdict = "refused"
)

// Decision is the verdict on one request and why, for the log line and,
// when refused, for the user.
type Decision struct {
	Verdict Verdict
	Reason  string
}

func allowed(reason string) Decision   { return Decision{Verdict: Allowed, Reason: reason} }
func rewritten(reason string) Decision { return Decision{Verdict: Rewritten, Reason: reason} }

// refused joins every reason a request is refused for, so that the user
// fixes them all in one round. A reason found twice is said once: clients
// such as buildctl send the exporter in both its current and its
// deprecated field.
func refused(reasons []string) Decision {
	var once []string
	for _, r := range reasons {
		if !slices.Contains(once, r) {
			once = append(once, r)
		}
	}
	return Decision{Verdict: Refused, Reason: strings.Join(once, "; ")}
}

// advice ends every refusal: what this builder is for and how to use it.
const advice = "build with a plain `docker buildx build` " +
	"(or buildctl with --frontend dockerfile.v0); the Dockerfile needs no # syntax= line"

// Err is the gRPC error a refused request gets, or nil when the decision
// lets it through.
func (d Decision) Err(f Frontend) error {
	if d.Verdict != Refused {
		return nil
	}
	return status.Errorf(codes.PermissionDenied,
		"safe-dockerfile gate: this builder only builds with the frontend %s: %s; %s",
		f, d.Reason, advice)
}
