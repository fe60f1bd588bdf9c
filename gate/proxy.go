package gate

import (
	"context"
	"io"

	"github.com/pkg/errors"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
)

// anyStream describes every method to the client connection: the gate
// does not know which are unary or streaming, and on the wire a unary
// call is a stream of one message each way.
var anyStream = &grpc.StreamDesc{ServerStreams: true, ClientStreams: true}

// forward relays one call to buildkitd unchanged: request metadata, every
// message both ways, the reply's headers and trailers, and its status.
// Deadlines and cancellation follow the client's context.
func (s *Server) forward(ss grpc.ServerStream, method string) error {
	return s.relay(ss, method, nil, nil, nil)
}

// relay is forward for a call whose first request message the gate has
// already read (first, when not nil). When stop closes, the call is
// cancelled at buildkitd and ends for the client with the status stopped
// (nil: it ended well).
func (s *Server) relay(ss grpc.ServerStream, method string, first []byte,
	stop <-chan struct{}, stopped error) error {
	ctx, cancel := context.WithCancel(outgoing(ss.Context()))
	defer cancel()
	cs, err := s.backend.NewStream(ctx, anyStream, method, grpc.ForceCodecV2(frames{}))
	if err != nil {
		return err
	}
	up := make(chan error, 1)
	go func() { up <- relayUp(ss, cs, first) }()
	down := make(chan error, 1)
	go func() { down <- relayDown(cs, ss) }()
	for {
		select {
		case err := <-up:
			if err != nil {
				cancel()
				<-down // nothing may write to the client after the call returns
				return err
			}
			up = nil // the client is done sending; the replies go on
		case err := <-down:
			ss.SetTrailer(cs.Trailer())
			return err
		case <-stop:
			cancel()
			<-down
			return stopped
		}
	}
}

// relayUp copies the client's messages to buildkitd, starting with first
// when the gate has read it already, and half-closes the call when the
// client has sent its last one.
func relayUp(ss grpc.ServerStream, cs grpc.ClientStream, first []byte) error {
	if first != nil {
		if err := cs.SendMsg(&first); err != nil {
			return nil // the daemon ended the call; relayDown reports its status
		}
	}
	for {
		var f []byte
		if err := ss.RecvMsg(&f); err != nil {
			if errors.Is(err, io.EOF) {
				return cs.CloseSend()
			}
			return err
		}
		if err := cs.SendMsg(&f); err != nil {
			// The daemon ended the call; relayDown reports its status.
			return nil
		}
	}
}

// relayDown copies buildkitd's headers and messages to the client and
// returns the call's status: nil when it ended well.
func relayDown(cs grpc.ClientStream, ss grpc.ServerStream) error {
	if md, err := cs.Header(); err == nil {
		if err := ss.SendHeader(md); err != nil {
			return err
		}
	}
	for {
		var f []byte
		if err := cs.RecvMsg(&f); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if err := ss.SendMsg(&f); err != nil {
			return err
		}
	}
}

// outgoing carries the client's request metadata to buildkitd: session
// IDs and the methods a session exposes, build IDs, trace context. gRPC
// itself drops the reserved headers (content type, user agent, timeout),
// and the deadline travels with the context.
func outgoing(ctx context.Context) context.Context {
	md, _ := metadata.FromIncomingContext(ctx)
	return metadata.NewOutgoingContext(ctx, md.Copy())
}
