package gate

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"slices"
	"sync"

	gatewaypb "github.com/moby/buildkit/frontend/gateway/pb"
)

// ledger follows the builds that run through the gate. A build whose
// frontend runs on the client (buildx) ends by returning a result over
// the LLBBridge API, and the client writes that result's metadata itself:
// it could return the image the enforced frontend built with another
// configuration, a root user for one. The ledger remembers the
// image-shaping metadata every judged solve of a build returned, and a
// Return may only carry values from it.
type ledger struct {
	mu     sync.Mutex
	builds map[string]*buildRecord
}

// buildRecord is what the ledger holds for one build.
type buildRecord struct {
	// calls counts the Control API solves running under this build ID.
	calls int
	// seen maps each image-shaping metadata key to the digests of the
	// values judged solves returned for it.
	seen map[string]map[[sha256.Size]byte]bool
}

// open starts following the build id for the length of its Control API
// solve; the returned function forgets it.
func (l *ledger) open(id string) func() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.builds == nil {
		l.builds = map[string]*buildRecord{}
	}
	rec := l.builds[id]
	if rec == nil {
		rec = &buildRecord{seen: map[string]map[[sha256.Size]byte]bool{}}
		l.builds[id] = rec
	}
	rec.calls++

	return func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		if rec.calls--; rec.calls == 0 {
			delete(l.builds, id)
		}
	}
}

// known reports whether the build id started through this gate. LLBBridge
// calls of other builds are refused: the gate cannot check what they
// return.
func (l *ledger) known(id string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return id != "" && l.builds[id] != nil
}

// record notes the image-shaping metadata a judged solve returned.
func (l *ledger) record(id string, md map[string][]byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	rec := l.builds[id]
	if rec == nil {
		return
	}
	for k, v := range md {
		if !shapesImage(k) {
			continue
		}
		if rec.seen[k] == nil {
			rec.seen[k] = map[[sha256.Size]byte]bool{}
		}
		rec.seen[k][sha256.Sum256(v)] = true
	}
}

// judgeReturn decides on the result a client-side build returns.
func (l *ledger) judgeReturn(id string, req *gatewaypb.ReturnRequest) Decision {
	if why := unknownFields(req); len(why) > 0 {
		return refused(why)
	}

	l.mu.Lock()
	defer l.mu.Unlock()
	rec := l.builds[id]
	if rec == nil {
		return refused([]string{unknownBuild(id)})
	}
	if req.GetError() != nil {
		return allowed("build returned an error")
	}
	md := req.GetResult().GetMetadata()
	var why []string
	for _, k := range slices.Sorted(maps.Keys(md)) {
		if shapesImage(k) && !rec.seen[k][sha256.Sum256(md[k])] {
			why = append(why, fmt.Sprintf(
				"the returned result sets %s to a value no judged solve produced", k))
		}
	}
	if len(why) > 0 {
		return refused(why)
	}
	return allowed("result returned as the frontend built it")
}

func unknownBuild(id string) string {
	if id == "" {
		return "the LLBBridge call names no build"
	}
	return fmt.Sprintf("build %s did not start through this gate", id)
}
