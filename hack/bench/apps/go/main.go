// Command app is a small gRPC service with the standard health service, the
// shape of many Go back ends: it greets on GET / over HTTP with a fresh
// request ID and the number of requests served, formatted for English
// readers, and answers gRPC health checks on another port. With
// -healthcheck it asks the running app's HTTP port for /healthz instead,
// and exits 0 when it answers ok.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"

	"github.com/google/uuid"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

const greeting = "Hello from the go bench app"

func main() {
	port := flag.String("port", "8080", "HTTP port")
	grpcPort := flag.String("grpc-port", "9090", "gRPC port")
	check := flag.Bool("healthcheck", false, "ask the running app for /healthz and exit")
	flag.Parse()

	if *check {
		os.Exit(healthcheck(*port))
	}

	lis, err := net.Listen("tcp", ":"+*grpcPort)
	if err != nil {
		log.Fatal(err)
	}
	srv := grpc.NewServer()
	healthpb.RegisterHealthServer(srv, health.NewServer())
	go func() { log.Fatal(srv.Serve(lis)) }()

	printer := message.NewPrinter(language.English)
	served := 0
	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		served++
		printer.Fprintf(w, "%s, request %s, %d served\n", greeting, uuid.NewString(), served)
	})
	log.Printf("listening on :%s (HTTP) and :%s (gRPC)", *port, *grpcPort)
	log.Fatal(http.ListenAndServe(":"+*port, nil))
}

func healthcheck(port string) int {
	resp, err := http.Get("http://127.0.0.1:" + port + "/healthz")
	if err != nil {
		return 1
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 1
	}
	return 0
}
