package tests

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// scannerImage is a stand-in SBOM generator: the real one (an image of a
// public registry) cannot be pulled here. It follows BuildKit's scanner
// protocol, writing a minimal SPDX document (as an in-toto statement) for
// the scanned root, so the test exercises the frontend's SBOM path for real.
const scannerImage = registry + "/e2e/sbom-scanner:1"

const scannerScript = `#!/bin/sh
set -e
n=$(find "$BUILDKIT_SCAN_SOURCE" -type f | wc -l)
cat > "$BUILDKIT_SCAN_DESTINATION/sbom.spdx.json" <<SPDX
{"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://spdx.dev/Document",
 "subject":[],
 "predicate":{"spdxVersion":"SPDX-2.3","dataLicense":"CC0-1.0","SPDXID":"SPDXRef-DOCUMENT",
  "name":"e2e-scan","documentNamespace":"https://example.invalid/e2e",
  "creationInfo":{"created":"1970-01-01T00:00:00Z","creators":["Tool: e2e-scanner"]},
  "comment":"files: $n"}}
SPDX
`

func buildScanner(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "Dockerfile", "FROM 127.0.0.1:5000/busybox:1.35\n"+
		"COPY --chmod=755 scan.sh /scan.sh\n"+
		"ENTRYPOINT [\"/scan.sh\"]\n")
	write(t, dir, "scan.sh", scannerScript)
	out, err := exec.Command("buildctl", "build", "--frontend", "dockerfile.v0",
		"--local", "context="+dir, "--local", "dockerfile="+dir,
		"--output", "type=image,push=true,name="+scannerImage).CombinedOutput()
	if err != nil {
		t.Fatalf("build the scanner image: %v\n%s", err, out)
	}
}

// TestSBOMAndProvenance asks for an SBOM and max provenance: both must be
// attached to the image, and the provenance must name the pinned base.
func TestSBOMAndProvenance(t *testing.T) {
	needBuildKit(t)
	buildScanner(t)
	index := digestOf(t, "busybox", "1.35")
	r := run(t, buildx, build{Dockerfile: `
FROM 127.0.0.1:5000/busybox:1.35
COPY hello.txt /hello.txt
USER 10001
`, Files: map[string]string{"hello.txt": "hi\n"}, Push: "e2e/attest:1",
		Extra: []string{"--sbom=generator=" + scannerImage, "--provenance=mode=max"}})
	r.mustSucceed(t)

	types := attestationTypes(t, "e2e/attest", "1")
	for _, want := range []string{"https://spdx.dev/Document", "https://slsa.dev/provenance/"} {
		found := false
		for _, got := range types {
			found = found || strings.HasPrefix(got, want)
		}
		if !found {
			t.Errorf("no %s attestation; got %v", want, types)
		}
	}
	if prov := provenance(t, "e2e/attest", "1"); !strings.Contains(prov, index) {
		t.Errorf("provenance does not name the pinned base image %s", index)
	}
}

// attestationTypes lists the in-toto predicate types attached to an image.
func attestationTypes(t *testing.T, name, tag string) []string {
	t.Helper()
	var out []string
	for _, l := range attestationLayers(t, name, tag) {
		out = append(out, l.Annotations["in-toto.io/predicate-type"])
	}
	return out
}

// provenance returns the provenance statement attached to an image.
func provenance(t *testing.T, name, tag string) string {
	t.Helper()
	for _, l := range attestationLayers(t, name, tag) {
		if strings.Contains(l.Annotations["in-toto.io/predicate-type"], "provenance") {
			blob, _ := registryGet(t, name+"/blobs/"+l.Digest)
			return string(blob)
		}
	}
	t.Fatal("no provenance attached")
	return ""
}

type layer struct {
	Digest      string            `json:"digest"`
	Annotations map[string]string `json:"annotations"`
}

func attestationLayers(t *testing.T, name, tag string) []layer {
	t.Helper()
	dt, _ := registryGet(t, name+"/manifests/"+tag)
	var idx struct {
		Manifests []struct {
			Digest      string            `json:"digest"`
			Annotations map[string]string `json:"annotations"`
		} `json:"manifests"`
	}
	if err := json.Unmarshal(dt, &idx); err != nil {
		t.Fatal(err)
	}
	var out []layer
	for _, m := range idx.Manifests {
		if m.Annotations["vnd.docker.reference.type"] != "attestation-manifest" {
			continue
		}
		mdt, _ := registryGet(t, name+"/manifests/"+m.Digest)
		var man struct {
			Layers []layer `json:"layers"`
		}
		if err := json.Unmarshal(mdt, &man); err != nil {
			t.Fatal(err)
		}
		out = append(out, man.Layers...)
	}
	return out
}
