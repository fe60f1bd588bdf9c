package cli

import (
	"os"
	"strings"

	"github.com/containerd/platforms"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// Config is what check and fix are asked to do. Its build fields mean
// what the flags of the same name mean to `docker buildx build`.
type Config struct {
	// Paths are Dockerfiles or folders to search for them; none means
	// the current folder.
	Paths []string
	// BuildArgs are the --build-arg values.
	BuildArgs map[string]string
	// Target is the stage to build; empty means the last one.
	Target string
	// Platforms are the target platforms; none means the build platform.
	Platforms []ocispecs.Platform
	// Context is the build context folder; empty means each Dockerfile's
	// own folder.
	Context string
	// Policy is the organisation policy file to judge by, in place of the
	// one baked into an organisation's frontend image; empty means the
	// built-in default.
	Policy string
	// Offline asks no registry: the rules that need one report what they
	// can without it.
	Offline bool
	// Resolver answers image questions when not Offline; nil means a
	// registry.Resolver with the user's docker credentials.
	Resolver transform.Resolver
	// LookupEnv reads the environment (BUILDX_GIT_INFO); nil means
	// os.LookupEnv.
	LookupEnv func(key string) (string, bool)

	// rules narrows the rules run, for tests that must not change when
	// rules are added; nil runs them all, as a build does.
	rules []*transform.Rule
}

func (c *Config) lookupEnv(key string) (string, bool) {
	if c.LookupEnv != nil {
		return c.LookupEnv(key)
	}
	return os.LookupEnv(key)
}

// ParseBuildArgs reads --build-arg values as buildx does: KEY=VALUE sets
// KEY, and a bare KEY takes its value from the environment, or is left
// out when the environment has none.
func ParseBuildArgs(values []string, lookupEnv func(string) (string, bool)) (map[string]string, error) {
	if lookupEnv == nil {
		lookupEnv = os.LookupEnv
	}
	args := map[string]string{}
	for _, v := range values {
		key, val, ok := strings.Cut(v, "=")
		if key == "" {
			return nil, usagef("invalid --build-arg %q: want KEY=VALUE", v)
		}
		if !ok {
			env, found := lookupEnv(key)
			if !found {
				continue
			}
			val = env
		}
		args[key] = val
	}
	return args, nil
}

// ParsePlatforms reads --platform values: each is one platform or a comma
// list, "local" is this machine's. Each is normalized, as BuildKit does.
func ParsePlatforms(values []string) ([]ocispecs.Platform, error) {
	var out []ocispecs.Platform
	for _, v := range values {
		for s := range strings.SplitSeq(v, ",") {
			s = strings.TrimSpace(s)
			if s == "" {
				continue
			}
			if s == "local" {
				out = append(out, platforms.Normalize(platforms.DefaultSpec()))
				continue
			}
			p, err := platforms.Parse(s)
			if err != nil {
				return nil, usagef("invalid --platform %q: %v", s, err)
			}
			out = append(out, platforms.Normalize(p))
		}
	}
	return out, nil
}
