package policy

import (
	"errors"
	"io/fs"
	"os"
	"regexp"
	"time"

	digest "github.com/opencontainers/go-digest"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// The format this package reads.
const (
	APIVersion = "safe-dockerfile/v1"
	Kind       = "Policy"
)

// Where the layers come from.
const (
	// OrgPath is where an organisation's frontend image holds its policy.
	OrgPath = "/etc/safe-dockerfile/policy.yaml"
	// RepoFile is the repository's policy, at the root of the build
	// context.
	RepoFile = ".safe-dockerfile.yaml"
	// BuildArgPolicy is the build argument that carries a whole policy
	// for one build, as YAML.
	BuildArgPolicy = "SAFE_DOCKERFILE_POLICY"
	// BuildArgRules is the build argument that sets rule actions for one
	// build in short: "RootUser=error,MissingHealthcheck=off".
	BuildArgRules = "SAFE_DOCKERFILE_RULES"
)

// Policy is one policy file, read and validated. Fields a file leaves out
// are zero or nil: they say nothing, and the layer below decides.
type Policy struct {
	// Source names where the policy was read from, for messages.
	Source string
	// Digest is the sha256 of the bytes the policy was read from.
	Digest   digest.Digest
	Metadata Metadata
	// Rules holds the settings of the rules the policy names, by rule ID.
	Rules map[string]RuleConfig
	// Exceptions are the findings the policy accepts, in file order.
	Exceptions []Exception
	// TrustedRegistries are the registries and namespaces images may come
	// from. No rule reads them yet; Resolve layers them already.
	TrustedRegistries []string
	// RequiredLabels are labels the image must set (rule RequiredLabels).
	RequiredLabels []string
	// NumericUser asks for a numeric USER (rule NonNumericUser); nil when
	// the policy does not say.
	NumericUser *bool

	// lines maps a field's path ("rules.RootUser.action") to its line.
	lines map[string]int
}

// Metadata names a policy in reports.
type Metadata struct {
	Name    string
	Version string
}

// RuleConfig is what a policy says of one rule.
type RuleConfig struct {
	// Action is "" when the policy does not set it.
	Action transform.Action
	// Relax, in the organisation's policy, lets the repository file and
	// the build options loosen the rule. Nil when not set.
	Relax *bool
	// Inline allows inline exceptions to the rule in Dockerfiles. Nil
	// when not set.
	Inline  *bool
	Options RuleOptions
}

// RuleOptions are a rule's settings beyond its action. Which rule takes
// which option is listed in ruleOptionKeys; a field that a rule does not
// take is always zero for it.
type RuleOptions struct {
	// Labels (RequiredLabels) are labels the image must set, on top of
	// the policy's requiredLabels.
	Labels []string
	// Required (NonNumericUser) turns the numeric-user check on or off,
	// as the policy's numericUser does. Nil when not set.
	Required *bool
	// AllowedPorts (ExposeSSH) are the only ports EXPOSE may name, each
	// "PORT" or "FIRST-LAST", optionally with "/tcp", "/udp" or "/sctp".
	// Nil when not set: any port but SSH's.
	AllowedPorts []string
	// Deny (UnwantedPackages) are more packages that fail the build;
	// Allow are packages of the rule's own list the policy accepts.
	Deny, Allow []string
}

// ruleOptionKeys lists the option keys each rule takes.
var ruleOptionKeys = map[string][]string{
	"RequiredLabels":   {"labels"},
	"NonNumericUser":   {"required"},
	"ExposeSSH":        {"allowedPorts"},
	"UnwantedPackages": {"deny", "allow"},
}

// Exception accepts the findings of one rule that it covers: a finding is
// covered when every criterion given matches (any of its paths, any of
// its images, and its regular expression).
type Exception struct {
	Rule string
	// Paths are globs of the Dockerfile's path in the build context.
	Paths []string
	// Images are patterns of the image the finding's stage is built from.
	Images []string
	// Match is a regular expression searched in the finding's lines.
	Match  string
	Reason string
	// Expires is the last day the exception applies (UTC); zero never.
	Expires time.Time

	// Source and Line say where the exception was written.
	Source string
	Line   int

	match             *regexp.Regexp
	pathRes, imageRes []*regexp.Regexp
}

// Load reads and validates a policy. name is what messages call its
// source, usually the file's name. The error lists every problem found,
// each with the name and the line.
func Load(name string, data []byte) (*Policy, error) {
	root, err := parseYAML(name, data)
	if err != nil {
		return nil, err
	}
	d := &decoder{source: name}
	p := d.policy(root)
	if err := d.err(); err != nil {
		return nil, err
	}
	p.Source, p.Digest = name, digest.FromBytes(data)
	return p, nil
}

// ReadFile loads the policy file at path. A file that does not exist
// gives a nil policy and no error, which Resolve takes as a missing layer.
func ReadFile(path string) (*Policy, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return Load(path, data)
}

// line returns the line of a field, 0 when unknown.
func (p *Policy) line(path string) int {
	return p.lines[path]
}
