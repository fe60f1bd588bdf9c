package tests

import "testing"

// TestOnbuildTriggers builds from base images whose ONBUILD triggers break
// the policy: the frontend judges the triggers like the Dockerfile's own
// instructions, at the stage's FROM line.
func TestOnbuildTriggers(t *testing.T) {
	needBuildKit(t)
	bases := map[string]string{
		// A download without a checksum.
		"onbuild-add": "FROM 127.0.0.1:5000/busybox:1.35\nONBUILD ADD http://127.0.0.1:5000/v2/ /v2.json\n",
		// An image from a registry the policy does not trust (the same
		// registry under another name).
		"onbuild-from": "FROM 127.0.0.1:5000/busybox:1.35\nONBUILD COPY --from=localhost:5000/busybox:1.35 /bin/busybox /bb\n",
	}
	for name, df := range bases {
		run(t, buildctl, build{Dockerfile: df, Frontend: stockImage, Push: "e2e/" + name + ":1"}).mustSucceed(t)
	}
	child := func(name string) string {
		return "FROM " + registry + "/e2e/" + name + ":1\nUSER 10001\n"
	}

	// The stock frontend runs the download; ours refuses it.
	run(t, buildx, build{Dockerfile: child("onbuild-add"), Frontend: stockImage}).mustSucceed(t)
	run(t, buildx, build{Dockerfile: child("onbuild-add")}).mustFail(t,
		"Dockerfile:2: UnsafeAdd: the ONBUILD trigger `ADD http://127.0.0.1:5000/v2/ /v2.json` of "+
			registry+"/e2e/onbuild-add:1: ADD downloads")
	run(t, buildx, build{Dockerfile: child("onbuild-from")}).mustFail(t,
		"Dockerfile:2: UntrustedRegistry: the ONBUILD trigger `COPY --from=localhost:5000/busybox:1.35")
}

// TestSourcePolicies builds what only BuildKit can see: a download whose
// address comes from the base image's environment, which the rules do not
// read. Only the source policies the frontend attaches to its solves can
// refuse it.
func TestSourcePolicies(t *testing.T) {
	needBuildKit(t)
	base := "FROM 127.0.0.1:5000/busybox:1.35\nENV TOOL_URL=http://127.0.0.1:5000/v2/\n"
	run(t, buildctl, build{Dockerfile: base, Frontend: stockImage, Push: "e2e/env-url:1"}).mustSucceed(t)
	df := "FROM " + registry + "/e2e/env-url:1\nADD $TOOL_URL /v2.json\nUSER 10001\n"

	// The stock frontend runs the download; ours refuses it.
	run(t, buildx, build{Dockerfile: df, Frontend: stockImage}).mustSucceed(t)
	run(t, buildx, build{Dockerfile: df}).mustFail(t, `source "http://127.0.0.1:5000/v2/" denied by policy`)

	// With the rule set to warn, the policy attaches nothing.
	warn := map[string]string{".safe-dockerfile.yaml": trustLocalRegistry + "rules:\n  UnsafeAdd: warn\n"}
	run(t, buildx, build{Dockerfile: df, Files: warn}).mustSucceed(t)
}
