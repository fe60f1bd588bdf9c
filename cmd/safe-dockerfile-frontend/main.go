// Command safe-dockerfile-frontend is the BuildKit frontend image's entry
// point. BuildKit starts it with the gateway API on its standard input and
// output; it exits 1 when the gateway connection fails.
//
// Run as "safe-dockerfile-frontend inspect ...", it is the build step that
// reads the built image (see package inspect).
package main

import (
	"fmt"
	"os"

	"github.com/moby/buildkit/frontend/gateway/grpcclient"
	"github.com/moby/buildkit/util/appcontext"
	_ "github.com/moby/buildkit/util/grpcutil/encoding/proto"

	"github.com/safe-dockerfile/safe-dockerfile/frontend"
	"github.com/safe-dockerfile/safe-dockerfile/inspect"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "inspect" {
		if err := inspect.Main(appcontext.Context(), os.Args[2:], os.Stdout); err != nil {
			fmt.Fprintf(os.Stderr, "safe-dockerfile inspect: %v\n", err)
			os.Exit(1)
		}
		return
	}
	if err := grpcclient.RunFromEnvironment(appcontext.Context(), frontend.Build); err != nil {
		fmt.Fprintf(os.Stderr, "safe-dockerfile: %v\n", err)
		os.Exit(1)
	}
}
