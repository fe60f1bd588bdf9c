package tests

import (
	"strconv"
	"testing"
	"time"
)

// setup.sh does in one script what no rule can see in the Dockerfile.
const setupScript = `set -e
mkdir -p /root/.ssh /usr/local/bin
printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA==\n-----END OPENSSH PRIVATE KEY-----\n' > /root/.ssh/id_ed25519
printf '#!/bin/sh\necho tool\n' > /usr/local/bin/tool
chmod 777 /usr/local/bin/tool
cp /bin/busybox /usr/local/bin/helper
chmod 4755 /usr/local/bin/helper
`

func TestBuiltImage(t *testing.T) {
	needBuildKit(t)
	df := "FROM 127.0.0.1:5000/busybox:1.35\nCOPY setup.sh /setup.sh\nRUN sh /setup.sh\nUSER 10001\n"
	files := map[string]string{"setup.sh": setupScript}

	rejected := run(t, buildx, build{Dockerfile: df, Files: files})
	rejected.mustFail(t,
		"Dockerfile:2: BuiltImage: linux/amd64: /root/.ssh/id_ed25519 holds a private key",
		"/usr/local/bin/tool is writable by every user")
	rejected.mustSay(t, "BuiltImage: linux/amd64: /usr/local/bin/helper runs with its owner's rights")

	// The policy chooses the action: as warnings, the same image builds.
	files[".safe-dockerfile.yaml"] = trustLocalRegistry + "rules:\n  BuiltImage: warn\n"
	warned := run(t, buildx, build{Dockerfile: df, Files: files})
	warned.mustSucceed(t)
	warned.mustSay(t, "BuiltImage: linux/amd64: /root/.ssh/id_ed25519 holds a private key")

	// A clean image: the base's own files (busybox's) are not the build's.
	// The token keeps BuildKit from answering from its cache, where the
	// inspection step's output is not shown again.
	token := strconv.FormatInt(time.Now().UnixNano(), 10)
	clean := run(t, buildx, build{Dockerfile: "FROM 127.0.0.1:5000/busybox:1.35\nRUN mkdir /app && echo " + token + " > /app/id\nUSER 10001\n"})
	clean.mustSucceed(t)
	clean.mustSay(t, "[safe-dockerfile] inspect the built image (linux/amd64)", "0 findings")
}
