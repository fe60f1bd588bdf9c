package gate

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	controlapi "github.com/moby/buildkit/api/services/control"
	gatewaypb "github.com/moby/buildkit/frontend/gateway/pb"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// fakeDaemon stands in for buildkitd: it answers the calls the tests make
// and hands the requests it got to the test.
type fakeDaemon struct {
	solves  chan *controlapi.SolveRequest
	bridged chan *gatewaypb.SolveRequest
	// release lets a Control API solve of build "held" finish.
	release chan struct{}
	// built is the metadata its LLBBridge solves return.
	built map[string][]byte
}

// fakeControl is the fake daemon's Control API.
type fakeControl struct {
	controlapi.UnimplementedControlServer
	*fakeDaemon
}

func (d fakeControl) Solve(ctx context.Context, req *controlapi.SolveRequest) (
	*controlapi.SolveResponse, error) {
	d.solves <- req
	if req.Ref == "held" {
		select {
		case <-d.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return &controlapi.SolveResponse{ExporterResponse: map[string]string{"solved": req.Frontend}}, nil
}

func (fakeControl) ListWorkers(ctx context.Context, _ *controlapi.ListWorkersRequest) (
	*controlapi.ListWorkersResponse, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	if err := grpc.SetHeader(ctx, metadata.Pairs("x-echo", first(md.Get("x-test")))); err != nil {
		return nil, err
	}
	if err := grpc.SetTrailer(ctx, metadata.Pairs("x-trailer", "t")); err != nil {
		return nil, err
	}
	return &controlapi.ListWorkersResponse{}, nil
}

// Status waits, as buildkitd waits for a build it has not seen.
func (fakeControl) Status(_ *controlapi.StatusRequest, stream controlapi.Control_StatusServer) error {
	<-stream.Context().Done()
	return stream.Context().Err()
}

func (fakeControl) DiskUsage(context.Context, *controlapi.DiskUsageRequest) (
	*controlapi.DiskUsageResponse, error) {
	return nil, status.Error(codes.NotFound, "no records")
}

// Session echoes every message back, with the session ID as a header, the
// way a session's tunnel carries bytes both ways.
func (fakeControl) Session(stream controlapi.Control_SessionServer) error {
	md, _ := metadata.FromIncomingContext(stream.Context())
	session := first(md.Get("x-docker-expose-session-uuid"))
	if err := stream.SendHeader(metadata.Pairs("x-session", session)); err != nil {
		return err
	}
	for {
		m, err := stream.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := stream.Send(&controlapi.BytesMessage{Data: append([]byte("echo:"), m.Data...)}); err != nil {
			return err
		}
	}
}

// fakeBridge is the fake daemon's LLBBridge API.
type fakeBridge struct {
	gatewaypb.UnimplementedLLBBridgeServer
	*fakeDaemon
}

func (d fakeBridge) Solve(_ context.Context, req *gatewaypb.SolveRequest) (*gatewaypb.SolveResponse, error) {
	d.bridged <- req
	return &gatewaypb.SolveResponse{Result: &gatewaypb.Result{Metadata: d.built}}, nil
}

// Ping waits, as buildkitd waits for a build it has not seen.
func (fakeBridge) Ping(ctx context.Context, _ *gatewaypb.PingRequest) (*gatewaypb.PongResponse, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func (fakeBridge) Return(context.Context, *gatewaypb.ReturnRequest) (*gatewaypb.ReturnResponse, error) {
	return &gatewaypb.ReturnResponse{}, nil
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// startGate runs a fake daemon and a gate in front of it on unix sockets
// in a temporary directory, and returns a client of the gate.
func startGate(t *testing.T) (controlapi.ControlClient, gatewaypb.LLBBridgeClient, *fakeDaemon) {
	t.Helper()
	dir := t.TempDir()
	d := &fakeDaemon{
		solves:  make(chan *controlapi.SolveRequest, 10),
		bridged: make(chan *gatewaypb.SolveRequest, 10),
		release: make(chan struct{}),
		built:   map[string][]byte{"containerimage.config": []byte(`{"config":{"User":"10001"}}`)},
	}
	daemon := grpc.NewServer()
	controlapi.RegisterControlServer(daemon, fakeControl{fakeDaemon: d})
	gatewaypb.RegisterLLBBridgeServer(daemon, fakeBridge{fakeDaemon: d})
	dl, err := Listen("unix://" + filepath.Join(dir, "d.sock"))
	if err != nil {
		t.Fatal(err)
	}
	go daemon.Serve(dl)
	t.Cleanup(daemon.Stop)

	backend, err := Dial("unix://" + filepath.Join(dir, "d.sock"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { backend.Close() })
	srv := New(testJudge(t), backend, slog.New(slog.NewTextHandler(io.Discard, nil)))
	gl, err := Listen("unix://" + filepath.Join(dir, "g.sock"))
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(gl)
	t.Cleanup(srv.Stop)

	conn, err := grpc.NewClient("unix://"+filepath.Join(dir, "g.sock"),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return controlapi.NewControlClient(conn), gatewaypb.NewLLBBridgeClient(conn), d
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestServerForwardsMetadata(t *testing.T) {
	control, _, _ := startGate(t)
	ctx := metadata.AppendToOutgoingContext(testContext(t), "x-test", "hello")
	var header, trailer metadata.MD
	if _, err := control.ListWorkers(ctx, &controlapi.ListWorkersRequest{},
		grpc.Header(&header), grpc.Trailer(&trailer)); err != nil {
		t.Fatal(err)
	}
	if got := first(header.Get("x-echo")); got != "hello" {
		t.Errorf("header x-echo = %q, want the request's metadata echoed", got)
	}
	if got := first(trailer.Get("x-trailer")); got != "t" {
		t.Errorf("trailer x-trailer = %q, want t", got)
	}
}

func TestServerForwardsStatus(t *testing.T) {
	control, _, _ := startGate(t)
	_, err := control.DiskUsage(testContext(t), &controlapi.DiskUsageRequest{})
	if st, _ := status.FromError(err); st.Code() != codes.NotFound || st.Message() != "no records" {
		t.Errorf("status = %v, want the daemon's NotFound", err)
	}
}

func TestServerForwardsSession(t *testing.T) {
	control, _, _ := startGate(t)
	ctx := metadata.AppendToOutgoingContext(testContext(t), "X-Docker-Expose-Session-Uuid", "s1")
	stream, err := control.Session(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, msg := range []string{"a", "bb", "ccc"} {
		if err := stream.Send(&controlapi.BytesMessage{Data: []byte(msg)}); err != nil {
			t.Fatal(err)
		}
		got, err := stream.Recv()
		if err != nil {
			t.Fatal(err)
		}
		if string(got.Data) != "echo:"+msg {
			t.Errorf("got %q, want echo:%s", got.Data, msg)
		}
	}
	header, err := stream.Header()
	if err != nil || first(header.Get("x-session")) != "s1" {
		t.Errorf("header = %v, %v; want x-session s1", header, err)
	}
	if err := stream.CloseSend(); err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Recv(); err != io.EOF {
		t.Errorf("after the client closed: %v, want EOF", err)
	}
}

func TestServerRewritesSolve(t *testing.T) {
	control, _, d := startGate(t)
	resp, err := control.Solve(testContext(t), &controlapi.SolveRequest{
		Frontend: "dockerfile.v0", FrontendAttrs: map[string]string{"target": "final"}})
	if err != nil {
		t.Fatal(err)
	}
	got := <-d.solves
	if got.Frontend != "gateway.v0" || got.FrontendAttrs["source"] != enforced ||
		got.FrontendAttrs["target"] != "final" {
		t.Errorf("the daemon got frontend %q with %v", got.Frontend, got.FrontendAttrs)
	}
	if resp.ExporterResponse["solved"] != "gateway.v0" {
		t.Errorf("response %v is not the daemon's", resp.ExporterResponse)
	}
}

func TestServerRefusesSolve(t *testing.T) {
	control, _, d := startGate(t)
	_, err := control.Solve(testContext(t), &controlapi.SolveRequest{
		Frontend: "gateway.v0", FrontendAttrs: map[string]string{"source": stock}})
	if st, _ := status.FromError(err); st.Code() != codes.PermissionDenied {
		t.Fatalf("err = %v, want PermissionDenied", err)
	}
	select {
	case req := <-d.solves:
		t.Errorf("the daemon got a refused request: %v", req)
	default:
	}
}

// TestServerClientSideBuild follows a build whose frontend runs on the
// client, as buildx runs every build: a Control API solve that lasts the
// build, LLBBridge solves under its ID, and the Return of the result.
func TestServerClientSideBuild(t *testing.T) {
	control, llb, d := startGate(t)
	ctx := testContext(t)
	solved := make(chan error, 1)
	go func() {
		_, err := control.Solve(ctx, &controlapi.SolveRequest{Ref: "held"})
		solved <- err
	}()
	<-d.solves
	build := metadata.AppendToOutgoingContext(ctx, "buildkit-controlapi-buildid", "held")

	if _, err := llb.Solve(build, &gatewaypb.SolveRequest{Frontend: "dockerfile.v0"}); err != nil {
		t.Fatal(err)
	}
	if got := <-d.bridged; got.Frontend != "gateway.v0" || got.FrontendOpt["source"] != enforced {
		t.Errorf("the daemon got frontend %q with %v", got.Frontend, got.FrontendOpt)
	}
	_, err := llb.Solve(build, &gatewaypb.SolveRequest{Frontend: "gateway.v0",
		FrontendOpt: map[string]string{"source": stock}})
	mustDeny(t, err, "is not the enforced frontend")

	tampered := map[string][]byte{"containerimage.config": []byte(`{"config":{"User":"0"}}`)}
	_, err = llb.Return(build, returning(tampered))
	mustDeny(t, err, "a value no judged solve produced")
	if _, err := llb.Return(build, returning(d.built)); err != nil {
		t.Errorf("return of the judged result: %v", err)
	}

	close(d.release)
	if err := <-solved; err != nil {
		t.Fatal(err)
	}
	_, err = llb.Solve(build, &gatewaypb.SolveRequest{Frontend: "dockerfile.v0"})
	mustDeny(t, err, "did not start through this gate")
}

func mustDeny(t *testing.T, err error, reason string) {
	t.Helper()
	st, _ := status.FromError(err)
	if st.Code() != codes.PermissionDenied {
		t.Fatalf("err = %v, want PermissionDenied", err)
	}
	if !strings.Contains(st.Message(), reason) {
		t.Errorf("message %q lacks %q", st.Message(), reason)
	}
}

func TestServerEndsStatusOfRefusedBuild(t *testing.T) {
	control, _, _ := startGate(t)
	ctx := testContext(t)
	refuse := func(ref string) {
		_, err := control.Solve(ctx, &controlapi.SolveRequest{Ref: ref, Frontend: "mine.v0"})
		mustDeny(t, err, "is not allowed")
	}
	statusEnds := func(stream controlapi.Control_StatusClient) {
		if _, err := stream.Recv(); err != io.EOF {
			t.Errorf("status of a refused build: %v, want EOF", err)
		}
	}

	// A client asks for progress and builds at once: either may come first.
	before, err := control.Status(ctx, &controlapi.StatusRequest{Ref: "r1"})
	if err != nil {
		t.Fatal(err)
	}
	refuse("r1")
	statusEnds(before)

	refuse("r2")
	after, err := control.Status(ctx, &controlapi.StatusRequest{Ref: "r2"})
	if err != nil {
		t.Fatal(err)
	}
	statusEnds(after)
}

func TestServerEndsBridgeCallsOfRefusedBuild(t *testing.T) {
	control, llb, _ := startGate(t)
	ctx := testContext(t)
	pinged := make(chan error, 1)
	go func() {
		_, err := llb.Ping(metadata.AppendToOutgoingContext(ctx, "buildkit-controlapi-buildid", "r3"),
			&gatewaypb.PingRequest{})
		pinged <- err
	}()
	_, err := control.Solve(ctx, &controlapi.SolveRequest{Ref: "r3", Frontend: "mine.v0"})
	mustDeny(t, err, "is not allowed")
	mustDeny(t, <-pinged, "build r3 was refused")
}

func TestServerKeepsBuildsOthersReuseTheIDOf(t *testing.T) {
	control, llb, d := startGate(t)
	ctx := testContext(t)
	solved := make(chan error, 1)
	go func() {
		_, err := control.Solve(ctx, &controlapi.SolveRequest{Ref: "held"})
		solved <- err
	}()
	<-d.solves
	pinged := make(chan error, 1)
	go func() {
		build := metadata.AppendToOutgoingContext(ctx, "buildkit-controlapi-buildid", "held")
		_, err := llb.Ping(build, &gatewaypb.PingRequest{})
		pinged <- err
	}()

	_, err := control.Solve(ctx, &controlapi.SolveRequest{Ref: "held", Frontend: "mine.v0"})
	mustDeny(t, err, "is not allowed")
	select {
	case err := <-pinged:
		t.Errorf("a call of the build in flight ended: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
	close(d.release)
	if err := <-solved; err != nil {
		t.Fatal(err)
	}
}
