// Command safe-dockerfile-gate is the enforcing gate in front of
// buildkitd: users point a remote buildx builder at its socket and every
// build they run there goes through the safe-dockerfile frontend.
//
//	safe-dockerfile-gate --listen unix:///run/safe-dockerfile/gate.sock \
//	  --buildkitd unix:///run/buildkit/buildkitd.sock \
//	  --frontend registry.example/safe-dockerfile@sha256:...
//
// It logs one line per judged call (allowed, rewritten or refused, with
// the reason) to standard error. The first SIGINT or SIGTERM stops
// accepting calls and waits for the builds in flight; a second one ends
// them. Exit codes: 0 after a signal (and for -h), 1 when serving fails,
// 2 for usage errors and a buildkitd that does not answer at start. See
// docs/enforce.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	controlapi "github.com/moby/buildkit/api/services/control"
	"google.golang.org/grpc"

	"github.com/safe-dockerfile/safe-dockerfile/gate"
)

const (
	exitOK    = 0
	exitServe = 1
	exitUsage = 2
)

// listens collects the repeatable --listen flag.
type listens []string

func (l *listens) String() string     { return strings.Join(*l, ",") }
func (l *listens) Set(v string) error { *l = append(*l, v); return nil }

// options are the command line.
type options struct {
	listen     listens
	buildkitd  string
	frontend   string
	allowLLB   bool
	socketMode os.FileMode
}

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	opt, err := parseFlags(os.Args[1:])
	var shown shownError
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(exitOK)
	case errors.As(err, &shown):
		os.Exit(exitUsage)
	case err != nil:
		os.Exit(usage(err))
	}
	os.Exit(run(opt, log))
}

// parseFlags reads and checks the command line.
func parseFlags(args []string) (options, error) {
	var opt options
	fs := flag.NewFlagSet("safe-dockerfile-gate", flag.ContinueOnError)
	fs.Var(&opt.listen, "listen",
		"where users reach the gate: unix:///path or tcp://127.0.0.1:PORT (repeatable)")
	fs.StringVar(&opt.buildkitd, "buildkitd", "", "the daemon's socket: unix:///path")
	fs.StringVar(&opt.frontend, "frontend", "", "the enforced frontend image, best pinned by digest")
	fs.BoolVar(&opt.allowLLB, "allow-llb", false,
		"let builds that bring their own LLB definition through")
	mode := fs.String("socket-mode", "0660", "file mode of the gate's unix sockets, in octal")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return opt, err
		}
		return opt, shownError{err}
	}

	switch {
	case fs.NArg() > 0:
		return opt, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	case len(opt.listen) == 0:
		return opt, fmt.Errorf("--listen is required")
	case opt.buildkitd == "":
		return opt, fmt.Errorf("--buildkitd is required")
	case opt.frontend == "":
		return opt, fmt.Errorf("--frontend is required")
	}
	m, err := strconv.ParseUint(*mode, 8, 32)
	if err != nil || m > 0o777 {
		return opt, fmt.Errorf("--socket-mode %q: want an octal file mode such as 0660", *mode)
	}
	opt.socketMode = os.FileMode(m)
	return opt, nil
}

// shownError is a command-line error the flag package has already
// printed, with the usage.
type shownError struct{ error }

// run connects to buildkitd, opens the gate's sockets and serves until a
// signal; it returns the exit code.
func run(opt options, log *slog.Logger) int {
	front, err := gate.ParseFrontend(opt.frontend)
	if err != nil {
		return usage(err)
	}
	backend, err := gate.Dial(opt.buildkitd)
	if err != nil {
		return usage(err)
	}
	defer backend.Close()
	version, err := daemonVersion(backend)
	if err != nil {
		return usage(fmt.Errorf("buildkitd at %s does not answer: %w", opt.buildkitd, err))
	}

	listeners, err := listen(opt)
	if err != nil {
		return usage(err)
	}
	srv := gate.New(gate.Judge{Frontend: front, AllowLLB: opt.allowLLB}, backend, log)
	log.Info("gate started", "listen", opt.listen.String(), "buildkitd", opt.buildkitd,
		"buildkit", version, "frontend", front.String(), "allow-llb", opt.allowLLB)

	served := make(chan error, len(listeners))
	for _, l := range listeners {
		go func() { served <- srv.Serve(l) }()
	}
	return wait(srv, served, log)
}

// daemonVersion asks buildkitd for its version, to fail at start rather
// than on the first build when the socket is wrong.
func daemonVersion(conn *grpc.ClientConn) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	info, err := controlapi.NewControlClient(conn).Info(ctx, &controlapi.InfoRequest{})
	if err != nil {
		return "", err
	}
	return info.GetBuildkitVersion().GetVersion(), nil
}

// listen opens every --listen address and sets the unix sockets' mode.
func listen(opt options) ([]net.Listener, error) {
	var out []net.Listener
	for _, addr := range opt.listen {
		l, err := gate.Listen(addr)
		if err != nil {
			closeAll(out)
			return nil, err
		}
		out = append(out, l)
		if u, ok := l.Addr().(*net.UnixAddr); ok {
			if err := os.Chmod(u.Name, opt.socketMode); err != nil {
				closeAll(out)
				return nil, fmt.Errorf("set the mode of %s: %w", u.Name, err)
			}
		}
	}
	return out, nil
}

func closeAll(ls []net.Listener) {
	for _, l := range ls {
		l.Close()
	}
}

// wait serves until a listener fails or a signal comes: the first signal
// drains the builds in flight, a second one ends them.
func wait(srv *gate.Server, served <-chan error, log *slog.Logger) int {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	select {
	case err := <-served:
		log.Error("serve", "err", err)
		srv.Stop()
		return exitServe
	case s := <-sig:
		log.Info("stopping: waiting for builds in flight", "signal", s.String())
	}

	drained := make(chan struct{})
	go func() { srv.GracefulStop(); close(drained) }()
	select {
	case <-drained:
	case s := <-sig:
		log.Info("stopping now", "signal", s.String())
		srv.Stop()
	}
	return exitOK
}

// usage reports an error in what the gate was told to do.
func usage(err error) int {
	fmt.Fprintf(os.Stderr, "safe-dockerfile-gate: %v\n", err)
	return exitUsage
}
