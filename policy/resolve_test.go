package policy

import (
	"slices"
	"strings"
	"testing"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// header starts every repository and build policy of these tests, so the
// first line of a body is line 3 of the file.
const header = "apiVersion: safe-dockerfile/v1\nkind: Policy\n"

func orgPolicy(t *testing.T) *Policy {
	t.Helper()
	p, err := Load("org.yaml", mustRead(t, "testdata/org.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func mustLoad(t *testing.T, name, body string) *Policy {
	t.Helper()
	p, err := Load(name, []byte(header+body))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name string
		// noOrg resolves over the built-in default instead of org.yaml.
		noOrg bool
		repo  string
		rules string // SAFE_DOCKERFILE_RULES
		build string // SAFE_DOCKERFILE_POLICY, after the header
		// want are the expected errors, "source:line: message" prefixes.
		want  []string
		check func(t *testing.T, e *Effective)
	}{
		{
			name: "the organisation policy as written",
			check: func(t *testing.T, e *Effective) {
				actionIs(t, e, "RootUser", transform.ActionError)
				actionIs(t, e, "ExposeSSH", transform.ActionError) // not named: its default
				if e.InlineAllowed("RootUser") || !e.InlineAllowed("MissingHealthcheck") ||
					e.InlineAllowed("ExposeSSH") {
					t.Error("inline exceptions allowed where the policy does not say so")
				}
				want := []string{"org.opencontainers.image.source", "org.opencontainers.image.revision"}
				if !slices.Equal(e.RequiredLabels(), want) {
					t.Errorf("required labels %v", e.RequiredLabels())
				}
			},
		},
		{
			name: "a repository tightens",
			repo: "rules:\n  MissingHealthcheck: error\n  AptLists: {action: error, inline: false}\n" +
				"numericUser: true\nrequiredLabels: [com.acme.team]\n" +
				"trustedRegistries: [ghcr.io/acme/web]\n",
			check: func(t *testing.T, e *Effective) {
				actionIs(t, e, "MissingHealthcheck", transform.ActionError)
				actionIs(t, e, "AptLists", transform.ActionError)
				if !e.NumericUser() || !slices.Contains(e.RequiredLabels(), "com.acme.team") {
					t.Error("numericUser or the added label did not take")
				}
				if !slices.Equal(e.TrustedRegistries(), []string{"ghcr.io/acme/web"}) {
					t.Errorf("trusted %v", e.TrustedRegistries())
				}
			},
		},
		{
			name: "a repository loosens what the organisation lets it",
			repo: "rules:\n  MissingHealthcheck: off\n  LargeBaseImage: {action: off}\n" +
				"exceptions:\n  - {rule: MissingHealthcheck, paths: [tools/**], reason: batch jobs}\n",
			check: func(t *testing.T, e *Effective) {
				actionIs(t, e, "MissingHealthcheck", transform.ActionOff)
				actionIs(t, e, "LargeBaseImage", transform.ActionOff)
				if n := len(e.Exceptions()); n != 3 {
					t.Errorf("%d exceptions, want the organisation's 2 and the repository's", n)
				}
			},
		},
		{
			name: "a repository may not loosen the rest",
			repo: "rules:\n  RootUser: warn\n  ExposeSSH:\n    action: off\n    inline: true\n" +
				"  UnpinnedBaseImage: {relax: true}\n" +
				"exceptions:\n  - rule: RootUser\n    paths: [Dockerfile]\n    reason: it is ours\n" +
				"trustedRegistries: [quay.io]\n",
			want: []string{
				`.safe-dockerfile.yaml:4: rules.RootUser.action: the repository policy may not loosen ` +
					`RootUser from error to warn: the organisation policy "acme-baseline" does not ` +
					`let RootUser be relaxed (that needs relax: true there)`,
				`.safe-dockerfile.yaml:6: rules.ExposeSSH.action: the repository policy may not ` +
					`loosen ExposeSSH from error to off`,
				`.safe-dockerfile.yaml:7: rules.ExposeSSH.inline: the repository policy may not ` +
					`allow inline exceptions to ExposeSSH`,
				`.safe-dockerfile.yaml:8: rules.UnpinnedBaseImage.relax: the repository policy may ` +
					`not let UnpinnedBaseImage be relaxed`,
				`.safe-dockerfile.yaml:10: exceptions: the repository policy may not add an ` +
					`exception to RootUser`,
				`.safe-dockerfile.yaml:13: trustedRegistries[0]: the repository policy may not ` +
					`trust quay.io`,
			},
		},
		{
			name:  "build options tighten",
			rules: "RootUser=error,MissingHealthcheck=error, DockerIgnoreMissing = fix",
			check: func(t *testing.T, e *Effective) {
				actionIs(t, e, "MissingHealthcheck", transform.ActionError)
				actionIs(t, e, "DockerIgnoreMissing", transform.ActionFix)
			},
		},
		{
			name:  "build options may not loosen",
			rules: "RootUser=warn,MissingHealthcheck=off",
			want: []string{`SAFE_DOCKERFILE_RULES: rules.RootUser.action: the build options may ` +
				`not loosen RootUser from error to warn`},
		},
		{
			name:  "a repository locks a rule against the build",
			repo:  "rules:\n  MissingHealthcheck: {relax: false}\n",
			build: "rules:\n  MissingHealthcheck: off\n",
			want: []string{`SAFE_DOCKERFILE_POLICY:4: rules.MissingHealthcheck.action: the build ` +
				`options may not loosen MissingHealthcheck from warn to off: the repository policy ` +
				`(.safe-dockerfile.yaml) does not let MissingHealthcheck be relaxed`},
		},
		{
			name:  "numericUser, once on, stays on",
			repo:  "numericUser: true\n",
			build: "rules:\n  NonNumericUser:\n    options: {required: false}\n",
			want: []string{`SAFE_DOCKERFILE_POLICY:5: rules.NonNumericUser.options.required: the ` +
				`build options may not turn the numeric-user requirement off`},
		},
		{
			name:  "without an organisation, the repository decides",
			noOrg: true,
			repo: "rules:\n  RootUser: {action: warn, relax: false}\n" +
				"exceptions:\n  - {rule: ExposeSSH, match: 'EXPOSE 22', reason: bastion}\n",
			rules: "MissingHealthcheck=off",
			check: func(t *testing.T, e *Effective) {
				actionIs(t, e, "RootUser", transform.ActionWarn)
				actionIs(t, e, "MissingHealthcheck", transform.ActionOff)
				if !e.InlineAllowed("RootUser") || e.Name != "safe-dockerfile-default" {
					t.Errorf("default policy: inline %v, name %q", e.InlineAllowed("RootUser"), e.Name)
				}
			},
		},
		{
			name:  "without an organisation, a repository's lock holds",
			noOrg: true,
			repo:  "rules:\n  RootUser: {relax: false}\n",
			rules: "RootUser=off",
			want: []string{`SAFE_DOCKERFILE_RULES: rules.RootUser.action: the build options may ` +
				`not loosen RootUser from error to off: the repository policy (.safe-dockerfile.yaml)`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var org, repo, build *Policy
			if !tc.noOrg {
				org = orgPolicy(t)
			}
			if tc.repo != "" {
				repo = mustLoad(t, RepoFile, tc.repo)
			}
			args := map[string]string{BuildArgRules: tc.rules}
			if tc.build != "" {
				args[BuildArgPolicy] = header + tc.build
			}
			build, err := FromBuildArgs(args)
			if err != nil {
				t.Fatal(err)
			}

			e, err := Resolve(org, repo, build)
			got := policyErrors(t, err)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(got), len(tc.want), err)
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i].Error(), w) {
					t.Errorf("error %d:\n got %s\nwant %s...", i, got[i], w)
				}
			}
			if err == nil && tc.check != nil {
				tc.check(t, e)
			}
		})
	}
}

func actionIs(t *testing.T, e *Effective, id string, want transform.Action) {
	t.Helper()
	if got := e.Action(id); got != want {
		t.Errorf("%s: action %s, want %s", id, got, want)
	}
}

func TestFromBuildArgs(t *testing.T) {
	tests := []struct {
		name string
		args map[string]string
		want string // the error, or "" for none
	}{
		{"none", map[string]string{"OTHER": "x"}, ""},
		{"empty values", map[string]string{BuildArgRules: "", BuildArgPolicy: ""}, ""},
		{"rules", map[string]string{BuildArgRules: "RootUser=error,,"}, ""},
		{"both", map[string]string{BuildArgRules: "RootUser=error",
			BuildArgPolicy: header + "rules: {AptLists: error}\n"}, ""},
		{"bad items", map[string]string{BuildArgRules: "RootUser,RootUsr=warn,AptLists=loud,AptLists=off,AptLists=warn"},
			`SAFE_DOCKERFILE_RULES: "RootUser": write RULE=ACTION` + "\n" +
				`SAFE_DOCKERFILE_RULES: "RootUsr=warn": unknown rule "RootUsr" (did you mean RootUser?)` + "\n" +
				`SAFE_DOCKERFILE_RULES: "AptLists=loud": "loud" is not an action (error, warn, fix or off)` + "\n" +
				`SAFE_DOCKERFILE_RULES: "AptLists=warn": AptLists is set twice`},
		{"set in both", map[string]string{BuildArgRules: "AptLists=error",
			BuildArgPolicy: header + "rules: {AptLists: error}\n"},
			`SAFE_DOCKERFILE_RULES: "AptLists=error": SAFE_DOCKERFILE_POLICY already sets the action of AptLists`},
		{"bad yaml", map[string]string{BuildArgPolicy: "rules: {RootUser: loud}\n"},
			"SAFE_DOCKERFILE_POLICY:1: apiVersion is missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := FromBuildArgs(tc.args)
			switch {
			case tc.want == "" && err != nil:
				t.Fatal(err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("got %v\nwant %s", err, tc.want)
			case tc.want == "" && tc.name == "none" && p != nil:
				t.Errorf("no arguments gave a policy: %+v", p)
			}
		})
	}
}

func TestIdentity(t *testing.T) {
	org := orgPolicy(t)
	repo := mustLoad(t, RepoFile, "metadata: {name: web}\n")
	a, err := Resolve(org, repo, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Resolve(org, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Digest == b.Digest || a.Digest == org.Digest {
		t.Error("the effective digest does not change with the layers")
	}
	if a.Name != "acme-baseline" || a.Version != "2026.04" || len(a.Layers) != 2 {
		t.Errorf("identity %q %q %+v", a.Name, a.Version, a.Layers)
	}
	d := a.Describe()
	for _, want := range []string{
		`policy "acme-baseline" version 2026.04, ` + a.Digest.String(),
		"\n  organisation policy: org.yaml, \"acme-baseline\" version 2026.04, " + org.Digest.String(),
		"\n  repository policy: .safe-dockerfile.yaml, \"web\", " + repo.Digest.String(),
	} {
		if !strings.Contains(d, want) {
			t.Errorf("Describe() lacks %q:\n%s", want, d)
		}
	}
	c, _ := Resolve(nil, nil, nil)
	if c.Layers[0].Source != "built-in default.yaml" || c.Layers[0].Digest != Default().Digest {
		t.Errorf("default layer %+v", c.Layers)
	}
}

// TestRuleOptions checks the options of ExposeSSH and UnwantedPackages:
// decoded with their lines, set by the organisation, narrowed or added to
// by the layers below, and widened only where the rule may be relaxed.
func TestRuleOptions(t *testing.T) {
	org := mustLoad(t, "org.yaml", "rules:\n"+
		"  ExposeSSH: {options: {allowedPorts: [8080, 9000-9100, 53/udp]}}\n"+
		"  UnwantedPackages: {options: {deny: [telnet], allow: [vim]}}\n")
	repo := mustLoad(t, "repo.yaml", "rules:\n"+
		"  ExposeSSH: {options: {allowedPorts: [8080]}}\n"+
		"  UnwantedPackages: {options: {deny: [ftp]}}\n")
	e, err := Resolve(org, repo, nil)
	if err != nil {
		t.Fatal(err)
	}
	opt := e.Options(transform.Options{})
	if !slices.Equal(opt.AllowedPorts, []string{"8080"}) ||
		!slices.Equal(opt.DeniedPackages, []string{"telnet", "ftp"}) ||
		!slices.Equal(opt.AllowedPackages, []string{"vim"}) {
		t.Errorf("ports %v, denied %v, allowed %v", opt.AllowedPorts, opt.DeniedPackages, opt.AllowedPackages)
	}

	// The repository may not widen what the organisation set.
	wider := mustLoad(t, "repo.yaml", "rules:\n"+
		"  ExposeSSH: {options: {allowedPorts: [8080, 22]}}\n"+
		"  UnwantedPackages: {options: {allow: [sudo]}}\n")
	lock := mustLoad(t, "org.yaml", "rules:\n"+
		"  ExposeSSH: {relax: false, options: {allowedPorts: [8080]}}\n"+
		"  UnwantedPackages: {relax: false}\n")
	_, err = Resolve(lock, wider, nil)
	for _, want := range []string{
		"repo.yaml:4: rules.ExposeSSH.options.allowedPorts: the repository policy may not allow the port 22",
		"repo.yaml:5: rules.UnwantedPackages.options.allow: the repository policy may not allow packages UnwantedPackages reports",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}

	// Bad values, with their lines.
	_, err = Load("bad.yaml", []byte(header+"rules:\n  ExposeSSH: {options: {allowedPorts: [http, 99999, 22-10, 0]}}\n"+
		"  RootUser: {options: {allowedPorts: [80]}}\n"))
	for _, want := range []string{
		`bad.yaml:4: rules.ExposeSSH.options.allowedPorts[0]: "http" is not a port`,
		`rules.ExposeSSH.options.allowedPorts[1]: "99999" is not a port`,
		`rules.ExposeSSH.options.allowedPorts[2]: "22-10" is not a port`,
		`rules.ExposeSSH.options.allowedPorts[3]: "0" is not a port`,
		"bad.yaml:5: rules.RootUser.options: rule RootUser takes no options",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
}
