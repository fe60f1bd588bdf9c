package gate

import (
	"context"
	"log/slog"
	"net"
	"strings"

	controlapi "github.com/moby/buildkit/api/services/control"
	"github.com/moby/buildkit/client/buildid"
	gatewaypb "github.com/moby/buildkit/frontend/gateway/pb"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

// The calls the gate judges; every other one is forwarded as it came
// (progress streams too, but see endings).
const (
	controlSolve = "/moby.buildkit.v1.Control/Solve"
	bridgeSolve  = "/moby.buildkit.v1.frontend.LLBBridge/Solve"
	bridgeReturn = "/moby.buildkit.v1.frontend.LLBBridge/Return"
)

// maxMessage is the largest message either side may send, the limit
// buildkitd and its clients set for themselves: build definitions and
// session frames can be large.
const maxMessage = 16 << 20

// Server is the gate: a gRPC server with no services of its own that
// forwards every call to buildkitd and judges the few that choose what
// builds an image.
type Server struct {
	judge   Judge
	backend *grpc.ClientConn
	log     *slog.Logger
	ledger  ledger
	endings endings
	grpc    *grpc.Server
}

// New returns a gate that judges with j and forwards to backend, a
// connection to buildkitd (see Dial). It logs one line per decision.
func New(j Judge, backend *grpc.ClientConn, log *slog.Logger) *Server {
	s := &Server{judge: j, backend: backend, log: log}
	s.grpc = grpc.NewServer(
		grpc.UnknownServiceHandler(s.handle),
		grpc.ForceServerCodecV2(frames{}),
		grpc.MaxRecvMsgSize(maxMessage),
		grpc.MaxSendMsgSize(maxMessage),
	)
	return s
}

// Serve accepts clients on l until Stop; it may run on several listeners.
func (s *Server) Serve(l net.Listener) error {
	return s.grpc.Serve(l)
}

// Stop closes the listeners and ends every call. Builds in flight fail;
// GracefulStop waits for them instead.
func (s *Server) Stop() {
	s.grpc.Stop()
}

// GracefulStop closes the listeners and waits for the calls in flight.
func (s *Server) GracefulStop() {
	s.grpc.GracefulStop()
}

// handle routes every call: the judged ones to their handlers, the rest
// straight to buildkitd.
func (s *Server) handle(_ any, ss grpc.ServerStream) error {
	method, ok := grpc.MethodFromServerStream(ss)
	if !ok {
		return status.Error(codes.Internal, "safe-dockerfile gate: call without a method name")
	}
	switch method {
	case controlSolve:
		return s.controlSolve(ss)
	case bridgeSolve:
		return s.bridgeSolve(ss)
	case bridgeReturn:
		return s.bridgeReturn(ss)
	case controlStatus:
		return s.progress(ss)
	}
	if strings.HasPrefix(method, bridgeAPI) {
		return s.bridgeCall(ss, method)
	}
	return s.forward(ss, method)
}

// controlSolve judges a build's start and follows the build until it
// ends, so that its LLBBridge calls are known.
func (s *Server) controlSolve(ss grpc.ServerStream) error {
	var req controlapi.SolveRequest
	if _, err := receive(ss, &req); err != nil {
		return err
	}
	out, d := s.judge.ControlSolve(&req)
	s.logDecision(controlSolve, req.Ref, d)
	if err := d.Err(s.judge.Frontend); err != nil {
		// A refused request that reuses the ID of a build in flight must
		// not end that build's calls.
		if !s.ledger.known(req.Ref) {
			s.endings.end(req.Ref)
		}
		return err
	}
	in, err := encode(out)
	if err != nil {
		return err
	}

	done := s.ledger.open(req.Ref)
	defer done()
	resp, err := s.call(ss, controlSolve, in)
	if err != nil {
		return err
	}
	return ss.SendMsg(&resp)
}

// bridgeSolve judges a solve that a client-side frontend asks for and
// notes what it returns.
func (s *Server) bridgeSolve(ss grpc.ServerStream) error {
	var req gatewaypb.SolveRequest
	if _, err := receive(ss, &req); err != nil {
		return err
	}
	id := buildid.FromIncomingContext(ss.Context())
	out, d := s.judgeBridgeSolve(id, &req)
	s.logDecision(bridgeSolve, id, d)
	if err := d.Err(s.judge.Frontend); err != nil {
		return err
	}
	in, err := encode(out)
	if err != nil {
		return err
	}

	resp, err := s.call(ss, bridgeSolve, in)
	if err != nil {
		return err
	}
	// Noted before the client sees it: the client's Return comes next.
	var res gatewaypb.SolveResponse
	if err := proto.Unmarshal(resp, &res); err != nil {
		return status.Errorf(codes.Internal, "safe-dockerfile gate: decode solve response: %v", err)
	}
	s.ledger.record(id, res.GetResult().GetMetadata())
	return ss.SendMsg(&resp)
}

// judgeBridgeSolve judges an LLBBridge solve, which must belong to a build
// that started through this gate.
func (s *Server) judgeBridgeSolve(id string, req *gatewaypb.SolveRequest) (
	*gatewaypb.SolveRequest, Decision) {
	if !s.ledger.known(id) {
		return nil, refused([]string{unknownBuild(id)})
	}
	return s.judge.BridgeSolve(req)
}

// bridgeReturn judges the result a client-side build returns.
func (s *Server) bridgeReturn(ss grpc.ServerStream) error {
	var req gatewaypb.ReturnRequest
	in, err := receive(ss, &req)
	if err != nil {
		return err
	}
	id := buildid.FromIncomingContext(ss.Context())
	d := s.ledger.judgeReturn(id, &req)
	s.logDecision(bridgeReturn, id, d)
	if err := d.Err(s.judge.Frontend); err != nil {
		return err
	}
	resp, err := s.call(ss, bridgeReturn, in)
	if err != nil {
		return err
	}
	return ss.SendMsg(&resp)
}

// receive reads the one request message of a unary call and decodes it
// into msg; it returns the bytes as they came.
func receive(ss grpc.ServerStream, msg proto.Message) ([]byte, error) {
	var f []byte
	if err := ss.RecvMsg(&f); err != nil {
		return nil, err
	}
	if err := proto.Unmarshal(f, msg); err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "safe-dockerfile gate: decode %s: %v",
			msg.ProtoReflect().Descriptor().FullName(), err)
	}
	return f, nil
}

// encode turns a judged request back into the bytes buildkitd reads.
func encode(msg proto.Message) ([]byte, error) {
	b, err := proto.Marshal(msg)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "safe-dockerfile gate: encode %s: %v",
			msg.ProtoReflect().Descriptor().FullName(), err)
	}
	return b, nil
}

// call sends a request to buildkitd and returns the reply for the caller
// to send on; the reply's headers and trailers, or its error status, are
// the client's.
func (s *Server) call(ss grpc.ServerStream, method string, in []byte) ([]byte, error) {
	var out []byte
	var header, trailer metadata.MD
	err := s.backend.Invoke(outgoing(ss.Context()), method, &in, &out,
		grpc.ForceCodecV2(frames{}), grpc.Header(&header), grpc.Trailer(&trailer))
	ss.SetTrailer(trailer)
	_ = ss.SetHeader(header) // fails only after headers went out, and none have
	if err != nil {
		return nil, err
	}
	return out, nil
}

// logDecision writes the one line each judged call gets.
func (s *Server) logDecision(method, build string, d Decision) {
	level := slog.LevelInfo
	if d.Verdict == Refused {
		level = slog.LevelWarn
	}
	s.log.Log(context.Background(), level, string(d.Verdict),
		"call", method, "build", build, "reason", d.Reason)
}
