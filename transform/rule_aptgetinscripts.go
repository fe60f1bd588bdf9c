package transform

import "context"

// AptGetInScripts wants RUN scripts to call apt-get, whose command line is
// stable, rather than apt, whose command line is made for people.
var AptGetInScripts = &Rule{
	ID:      "AptGetInScripts",
	Summary: "RUN scripts use apt-get, not apt",
	Default: ActionWarn,
	Check:   checkAptGetInScripts,
}

func checkAptGetInScripts(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, r := range packagesRuns(p, p.UsedStages()) {
		for _, c := range r.Script.Commands {
			pc, ok := packagesRead(c)
			if !ok || pc.Prog != "apt" {
				continue
			}
			what := "apt"
			if pc.Verb != "" {
				what += " " + pc.Verb
			}
			out = append(out, Finding{
				Severity: SeverityWarning,
				Location: nodeRange(r.Node()),
				Message: what + " in a RUN: apt's command line is meant for people and may " +
					"change between releases (apt itself warns that it has no stable CLI)",
				Fix: "use apt-get (or apt-cache for searches); " +
					"not rewritten: the two differ in options and output",
			})
		}
	}
	return out, nil
}
