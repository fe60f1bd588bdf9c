package transform

import (
	"context"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// InsecureRun reports RUN steps that leave the build sandbox: privileged
// mode and the host's network.
var InsecureRun = &Rule{
	ID:      "InsecureRun",
	Summary: "RUN does not use --security=insecure or --network=host",
	Default: ActionError,
	Check:   checkInsecureRun,
}

func checkInsecureRun(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, st := range p.UsedStages() {
		for _, in := range st.Instructions {
			run, ok := in.Command.(*instructions.RunCommand)
			if !ok {
				continue
			}
			if instructions.GetSecurity(run) == instructions.SecurityInsecure {
				out = append(out, Finding{
					Severity: SeverityError,
					Location: nodeRange(in.Node),
					Message: "RUN --security=insecure runs the step as a privileged container: " +
						"it gets every capability and the host's devices, and can take over " +
						"the machine that builds",
					Fix: "drop --security=insecure and do the step without privileges " +
						"(build the artifact elsewhere and COPY it in); the build also needs " +
						"the security.insecure entitlement to run it",
				})
			}
			if instructions.GetNetwork(run) == instructions.NetworkHost {
				out = append(out, Finding{
					Severity: SeverityError,
					Location: nodeRange(in.Node),
					Message: "RUN --network=host runs the step in the build host's network: " +
						"it can reach services listening on the host's loopback and on networks " +
						"only the host should see",
					Fix: "drop --network=host; the default network reaches the internet, and " +
						"--network=none is safer still for steps that need no network",
				})
			}
		}
	}
	return out, nil
}
