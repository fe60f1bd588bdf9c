package tests

import "testing"

// TestSourcePolicies builds from base images whose ONBUILD triggers load
// what the policy forbids. The Dockerfile's own lines are clean, so only
// the source policies the frontend attaches to its solves can refuse them.
func TestSourcePolicies(t *testing.T) {
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
		`source "http://127.0.0.1:5000/v2/" denied by policy`)
	run(t, buildx, build{Dockerfile: child("onbuild-from")}).mustFail(t,
		`source "docker-image://localhost:5000/busybox:1.35" denied by policy`)

	// With the rules set to warn, the policy attaches nothing.
	warn := map[string]string{".safe-dockerfile.yaml": trustLocalRegistry +
		"rules:\n  UnsafeAdd: warn\n"}
	run(t, buildx, build{Dockerfile: child("onbuild-add"), Files: warn}).mustSucceed(t)
}
