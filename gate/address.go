package gate

import (
	"net"
	"net/url"
	"os"
	"syscall"

	"github.com/pkg/errors"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// Listen opens the gate's own socket: unix:///path, or tcp://HOST:PORT on
// a loopback address (the gate speaks plain gRPC, with no TLS, so it does
// not listen where other machines reach it). A unix socket left behind by
// a gate that is gone is replaced; one that answers is not.
func Listen(addr string) (net.Listener, error) {
	u, err := url.Parse(addr)
	if err != nil {
		return nil, errors.Wrapf(err, "parse listen address %q", addr)
	}
	switch u.Scheme {
	case "unix":
		return listenUnix(u.Path)
	case "tcp":
		return listenLoopback(u.Host)
	}
	return nil, errors.Errorf("listen address %q: want unix:///path or tcp://127.0.0.1:PORT", addr)
}

func listenUnix(path string) (net.Listener, error) {
	if path == "" {
		return nil, errors.New("listen address: unix socket path is empty")
	}
	l, err := net.Listen("unix", path)
	if errors.Is(err, syscall.EADDRINUSE) && stale(path) {
		if err := os.Remove(path); err != nil {
			return nil, errors.Wrap(err, "remove stale gate socket")
		}
		l, err = net.Listen("unix", path)
	}
	if err != nil {
		return nil, errors.Wrap(err, "listen on unix socket")
	}
	return l, nil
}

// stale reports whether the socket at path has nobody listening.
func stale(path string) bool {
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&os.ModeSocket == 0 {
		return false
	}
	c, err := net.Dial("unix", path)
	if err != nil {
		return true
	}
	c.Close()
	return false
}

func listenLoopback(hostport string) (net.Listener, error) {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		return nil, errors.Wrapf(err, "listen address %q", hostport)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return nil, errors.Errorf("listen address %q: tcp only on a loopback IP address "+
			"(the gate has no TLS)", hostport)
	}
	l, err := net.Listen("tcp", hostport)
	if err != nil {
		return nil, errors.Wrap(err, "listen on tcp")
	}
	return l, nil
}

// Dial connects to buildkitd at unix:///path. Only a unix socket is
// supported: the daemon's socket should be reachable by the gate alone,
// which file permissions enforce and a network port does not.
func Dial(addr string) (*grpc.ClientConn, error) {
	u, err := url.Parse(addr)
	if err != nil {
		return nil, errors.Wrapf(err, "parse buildkitd address %q", addr)
	}
	if u.Scheme != "unix" || u.Path == "" {
		return nil, errors.Errorf("buildkitd address %q: want unix:///path", addr)
	}
	conn, err := grpc.NewClient("unix://"+u.Path,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(
			grpc.MaxCallRecvMsgSize(maxMessage),
			grpc.MaxCallSendMsgSize(maxMessage),
		),
	)
	if err != nil {
		return nil, errors.Wrap(err, "connect to buildkitd")
	}
	return conn, nil
}
