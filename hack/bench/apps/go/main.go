// Command app is a tiny HTTP service: GET / greets with a fresh request ID,
// GET /healthz answers ok. With -healthcheck it asks the app running on the
// same port for /healthz instead, and exits 0 when it answers ok.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"

	"github.com/google/uuid"
)

const greeting = "Hello from the go bench app"

func main() {
	port := flag.String("port", "8080", "port to listen on")
	check := flag.Bool("healthcheck", false, "ask the running app for /healthz and exit")
	flag.Parse()

	if *check {
		os.Exit(healthcheck(*port))
	}

	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, "%s, request %s\n", greeting, uuid.NewString())
	})
	log.Printf("listening on :%s", *port)
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
