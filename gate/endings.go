package gate

import (
	"sync"
	"time"

	controlapi "github.com/moby/buildkit/api/services/control"
	"github.com/moby/buildkit/client/buildid"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

const (
	controlStatus = "/moby.buildkit.v1.Control/Status"
	bridgeAPI     = "/moby.buildkit.v1.frontend.LLBBridge/"
)

// endings ends the calls that wait for builds the gate refused. A client
// asks buildkitd for a build's progress alongside the build itself, and a
// client-side frontend (buildx) starts talking to the build over the
// LLBBridge API at the same time. buildkitd, which never saw the refused
// build, would keep those calls waiting for seconds before the client
// reports the refusal.
type endings struct {
	mu   sync.Mutex
	refs map[string]*ending
}

// ending is one build's: its channel closes when the build is refused.
type ending struct {
	ch       chan struct{}
	refused  time.Time
	watchers int
}

// keepRefusals is how long a refusal ends the calls that come after it:
// a client starts them together with the build.
const keepRefusals = time.Minute

// watch returns a channel that closes if the build ref is refused, and
// the function to call when the stream no longer needs it.
func (e *endings) watch(ref string) (<-chan struct{}, func()) {
	e.mu.Lock()
	defer e.mu.Unlock()
	en := e.get(ref)
	en.watchers++

	return en.ch, func() {
		e.mu.Lock()
		defer e.mu.Unlock()
		if en.watchers--; en.watchers == 0 && en.refused.IsZero() {
			delete(e.refs, ref)
		}
	}
}

// end marks the build ref refused and ends the calls waiting for it.
func (e *endings) end(ref string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := time.Now()
	for r, en := range e.refs {
		if !en.refused.IsZero() && now.Sub(en.refused) > keepRefusals && en.watchers == 0 {
			delete(e.refs, r)
		}
	}
	if en := e.get(ref); en.refused.IsZero() {
		en.refused = now
		close(en.ch)
	}
}

func (e *endings) get(ref string) *ending {
	if e.refs == nil {
		e.refs = map[string]*ending{}
	}
	en := e.refs[ref]
	if en == nil {
		en = &ending{ch: make(chan struct{})}
		e.refs[ref] = en
	}
	return en
}

// progress forwards a build's progress stream and ends it if the gate
// refuses the build.
func (s *Server) progress(ss grpc.ServerStream) error {
	var req controlapi.StatusRequest
	first, err := receive(ss, &req)
	if err != nil {
		return err
	}
	stop, done := s.endings.watch(req.Ref)
	defer done()
	return s.relay(ss, controlStatus, first, stop, nil)
}

// bridgeCall forwards an LLBBridge call the gate does not judge and fails
// it at once if the gate refuses its build.
func (s *Server) bridgeCall(ss grpc.ServerStream, method string) error {
	id := buildid.FromIncomingContext(ss.Context())
	stop, done := s.endings.watch(id)
	defer done()
	refusedBuild := status.Errorf(codes.PermissionDenied,
		"safe-dockerfile gate: build %s was refused", id)
	return s.relay(ss, method, nil, stop, refusedBuild)
}
