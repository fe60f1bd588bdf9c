package tests

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestPinBaseImage(t *testing.T) {
	needBuildKit(t)
	index := digestOf(t, "busybox", "1.35")
	for _, tl := range tools {
		t.Run(string(tl), func(t *testing.T) {
			r := run(t, tl, build{Dockerfile: `
ARG BASE=127.0.0.1:5000/busybox:1.35
FROM ${BASE}
USER 10001
`})
			r.mustSucceed(t)
			r.mustWarn(t, tl, "UnpinnedBaseImage: fixed: FROM 127.0.0.1:5000/busybox:1.35 names a tag")
			r.mustSay(t, "FROM 127.0.0.1:5000/busybox:1.35@"+index)
		})
	}
}

func TestPinBaseImageMultiPlatform(t *testing.T) {
	needBuildKit(t)
	index := digestOf(t, "busybox", "latest")
	r := run(t, buildx, build{
		Dockerfile: `
FROM 127.0.0.1:5000/busybox
COPY hello.txt /hello.txt
USER 10001
`,
		Files:     map[string]string{"hello.txt": "hello\n"},
		Platforms: "linux/amd64,linux/arm64",
		Push:      "e2e/multi:latest",
	})
	r.mustSucceed(t)
	r.mustSay(t, "floats on the latest tag", "busybox:latest@"+index)
	got := platformsOf(t, "e2e/multi", "latest")
	slices.Sort(got)
	if !slices.Equal(got, []string{"linux/amd64", "linux/arm64"}) {
		t.Errorf("platforms = %v, want linux/amd64 and linux/arm64", got)
	}
}

func TestUnsafeAdd(t *testing.T) {
	needBuildKit(t)
	for _, tl := range tools {
		t.Run(string(tl), func(t *testing.T) {
			r := run(t, tl, build{Dockerfile: `
FROM 127.0.0.1:5000/nonroot:1
ADD http://127.0.0.1:5000/v2/ /catalog.json
ADD notes.txt /notes.txt
`, Files: map[string]string{"notes.txt": "n\n"}})
			r.mustFail(t,
				"Dockerfile:3: UnsafeAdd: ADD downloads http://127.0.0.1:5000/v2/ without verifying it",
				"--checksum=sha256:")
			r.mustWarn(t, tl, "UnsafeAdd: fixed: ADD of local files")
			if strings.Contains(r.Out, "COPY (line 3)") || strings.Contains(r.Out, "use COPY\n") {
				t.Error("suggested COPY for the URL on line 3")
			}

			ok := run(t, tl, build{Dockerfile: `
FROM 127.0.0.1:5000/nonroot:1
ADD notes.txt /notes.txt
`, Files: map[string]string{"notes.txt": "n\n"}})
			ok.mustSucceed(t)
			ok.mustSay(t, "COPY notes.txt /notes.txt")
		})
	}
}

func TestRootUser(t *testing.T) {
	needBuildKit(t)
	for _, tl := range tools {
		t.Run(string(tl), func(t *testing.T) {
			r := run(t, tl, build{Dockerfile: `
FROM 127.0.0.1:5000/busybox:1.35 AS build
USER root
RUN echo built > /out

FROM 127.0.0.1:5000/busybox:1.35
COPY --from=build /out /out
ENV USER=app
`})
			r.mustFail(t, "Dockerfile:6: RootUser", "its base image 127.0.0.1:5000/busybox:1.35 runs as root",
				"USER 10001")

			name := "e2e/nonroot-" + string(tl)
			ok := run(t, tl, build{Dockerfile: `
FROM 127.0.0.1:5000/nonroot:1 AS build
USER root
RUN echo built > /out

FROM 127.0.0.1:5000/nonroot:1
COPY --from=build /out /out
`, Push: name + ":1"})
			ok.mustSucceed(t)
			if u := imageConfig(t, name, "1").Config.User; u != "65532:65532" {
				t.Errorf("image user = %q, want the base image's 65532:65532", u)
			}
		})
	}
}

func TestWritableExecutables(t *testing.T) {
	needBuildKit(t)
	for _, tl := range tools {
		t.Run(string(tl), func(t *testing.T) {
			r := run(t, tl, build{Dockerfile: `
FROM 127.0.0.1:5000/nonroot:1
COPY --chmod=777 tool.sh /usr/local/bin/tool.sh
COPY --chmod=755 tool.sh /usr/local/bin/ok.sh
RUN chmod -R g+w /usr/local/bin
`, Files: map[string]string{"tool.sh": "#!/bin/sh\n"}})
			r.mustFail(t,
				"Dockerfile:3: WritableExecutables: COPY --chmod=777",
				"Dockerfile:5: WritableExecutables: chmod g+w makes executables writable",
				"2 findings to fix")
			if strings.Contains(r.Out, "Dockerfile:4: WritableExecutables") {
				t.Error("reported the 755 copy")
			}
		})
	}
}

func TestAptLists(t *testing.T) {
	needBuildKit(t)
	for _, tl := range tools {
		t.Run(string(tl), func(t *testing.T) {
			out := t.TempDir()
			r := run(t, tl, build{Dockerfile: `
FROM 127.0.0.1:5000/debian:bookworm
RUN apt-get update && \
    apt-get install hello
USER 10001
`, Local: out})
			r.mustSucceed(t)
			r.mustWarn(t, tl, "AptLists: fixed: apt-get update leaves the package lists",
				"added `-y --no-install-recommends`")
			if _, err := os.Stat(filepath.Join(out, "usr/bin/hello")); err != nil {
				t.Errorf("the install did not happen: %v", err)
			}
			if left := filesUnder(t, filepath.Join(out, "var/lib/apt/lists")); len(left) > 0 {
				t.Errorf("apt lists left in the image: %v", left)
			}

			bad := run(t, tl, build{Dockerfile: `
FROM 127.0.0.1:5000/debian:bookworm
RUN apt-get update
USER 10001
`})
			bad.mustFail(t, "Dockerfile:3: AptLists: apt-get update without an install")
		})
	}
}

// filesUnder lists the regular files below dir.
func filesUnder(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			out = append(out, p)
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return out
}

func TestUntrustedRegistry(t *testing.T) {
	needBuildKit(t)
	for _, tl := range tools {
		t.Run(string(tl), func(t *testing.T) {
			r := run(t, tl, build{Dockerfile: `
FROM 127.0.0.1:5000/nonroot:1
`, Files: map[string]string{".safe-dockerfile.yaml": "apiVersion: safe-dockerfile/v1\nkind: Policy\n"}})
			r.mustFail(t, "Dockerfile:2: UntrustedRegistry: FROM 127.0.0.1:5000/nonroot:1 comes from 127.0.0.1:5000")
		})
	}
}
