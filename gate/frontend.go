package gate

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// The frontends BuildKit has built in, by the names requests use.
const (
	dockerfileFrontend = "dockerfile.v0"
	gatewayFrontend    = "gateway.v0"
)

// Frontend attributes the gate manages. "source" picks the gateway image;
// "cmdline" and the BUILDKIT_SYNTAX build argument are how BuildKit's
// Dockerfile frontend is told to forward to another image, so they are
// dropped rather than passed to a frontend that might honour them.
const (
	attrSource  = "source"
	attrCmdline = "cmdline"
	attrSyntax  = "build-arg:BUILDKIT_SYNTAX"
	// attrContext prefixes named contexts. The gateway frontend looks its
	// own source up among them, so one named like the frontend image
	// would replace the image that runs.
	attrContext = "context:"
)

// selection is what the frontend part of a request turns into.
type selection struct {
	frontend string
	attrs    map[string]string
	decision Decision
	// refusals, when not empty, refuse the request.
	refusals []string
}

// selectFrontend judges the frontend a request names, its attributes and
// whether it carries an LLB definition. empty describes a request that
// names neither, which differs between the Control and LLBBridge APIs.
func (j Judge) selectFrontend(name string, attrs map[string]string, hasDef bool,
	empty string) selection {
	switch {
	case name == "" && hasDef:
		return j.rawLLB(attrs)
	case name == "":
		return selection{decision: allowed(empty), attrs: attrs}
	case hasDef:
		return refuse(fmt.Sprintf("the request names frontend %q and carries an LLB definition", name))
	case name == dockerfileFrontend:
		return j.runEnforced(attrs, rewritten, fmt.Sprintf("%s rewritten to %s with source=%s",
			dockerfileFrontend, gatewayFrontend, j.Frontend))
	case name == gatewayFrontend:
		if err := j.Frontend.admits(attrs[attrSource]); err != nil {
			return refuse(err.Error())
		}
		return j.runEnforced(attrs, allowed, gatewayFrontend+" with the enforced frontend")
	}
	return refuse(fmt.Sprintf("frontend %q is not allowed", name))
}

// rawLLB judges a request that brings its own build definition: it skips
// every frontend, so it is refused unless the gate was told to allow it.
func (j Judge) rawLLB(attrs map[string]string) selection {
	if j.AllowLLB {
		return selection{decision: allowed("raw LLB definition (--allow-llb)"), attrs: attrs}
	}
	return refuse("raw LLB definitions bypass the frontend and are refused on this builder")
}

// runEnforced points the request at the enforced frontend image and drops
// the attributes that could pick another frontend.
func (j Judge) runEnforced(attrs map[string]string, verdict func(string) Decision,
	reason string) selection {
	if names := frontendContexts(j.Frontend, attrs); len(names) > 0 {
		return refuse(fmt.Sprintf("named context %s would replace the frontend image",
			strings.Join(names, ", ")))
	}

	out := maps.Clone(attrs)
	if out == nil {
		out = map[string]string{}
	}
	var dropped []string
	for _, k := range []string{attrCmdline, attrSyntax} {
		if _, ok := out[k]; ok {
			dropped = append(dropped, k)
			delete(out, k)
		}
	}
	out[attrSource] = j.Frontend.String()

	if len(dropped) > 0 {
		reason += "; dropped " + strings.Join(dropped, ", ")
	}
	return selection{frontend: gatewayFrontend, attrs: out, decision: verdict(reason)}
}

// frontendContexts lists the named-context attributes that name the
// enforced frontend's repository, with or without a platform suffix.
func frontendContexts(f Frontend, attrs map[string]string) []string {
	var names []string
	for k := range attrs {
		name, ok := strings.CutPrefix(k, attrContext)
		if !ok {
			continue
		}
		name, _, _ = strings.Cut(name, "::")
		if f.sameRepository(name) {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	return names
}

func refuse(reason string) selection {
	return selection{refusals: []string{reason}}
}
