// Command safe-dockerfile-frontend is the BuildKit frontend image's entry
// point. BuildKit starts it with the gateway API on its standard input and
// output; it exits 1 when the gateway connection fails.
package main

import (
	"fmt"
	"os"

	"github.com/moby/buildkit/frontend/gateway/grpcclient"
	"github.com/moby/buildkit/util/appcontext"
	_ "github.com/moby/buildkit/util/grpcutil/encoding/proto"

	"github.com/safe-dockerfile/safe-dockerfile/frontend"
)

func main() {
	if err := grpcclient.RunFromEnvironment(appcontext.Context(), frontend.Build); err != nil {
		fmt.Fprintf(os.Stderr, "safe-dockerfile: %v\n", err)
		os.Exit(1)
	}
}
