package policy

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// run judges a Dockerfile by e with RootUser and InlineException only: a
// USER root line gives a RootUser finding without asking a registry.
func run(t *testing.T, e *Effective, filename, df string, args map[string]string) *transform.Report {
	t.Helper()
	base := transform.Options{
		Filename:  filename,
		BuildArgs: args,
		Rules:     []*transform.Rule{transform.RootUser, transform.InlineException},
	}
	rep, err := transform.Run(context.Background(), []byte(df), e.Options(base))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// outcomeOf returns the outcome of the rule's first finding, or "".
func outcomeOf(rep *transform.Report, rule string) (transform.Result, bool) {
	for _, r := range rep.Results {
		if r.Rule.ID == rule {
			return r, true
		}
	}
	return transform.Result{}, false
}

func TestExceptionCovers(t *testing.T) {
	const root = "FROM debian:12\nUSER root\n"
	tests := []struct {
		name      string
		exception string // the YAML mapping of one exception, without rule and reason
		filename  string
		df        string
		args      map[string]string
		want      bool
	}{
		{"path", "paths: [legacy/**]", "legacy/agent/Dockerfile", root, nil, true},
		{"path, ./ in the name", "paths: [legacy/**]", "./legacy/Dockerfile", root, nil, true},
		{"path elsewhere", "paths: [legacy/**]", "Dockerfile", root, nil, false},
		{"path **/ at the root", "paths: ['**/Dockerfile']", "Dockerfile", root, nil, true},
		{"path * is one element", "paths: [svc/*/Dockerfile]", "svc/a/b/Dockerfile", root, nil, false},
		{"path, one of several", "paths: [a/Dockerfile, svc/*/Dockerfile]", "svc/a/Dockerfile", root, nil, true},
		{"image, short name", "images: [debian]", "Dockerfile", root, nil, true},
		{"image, full name", "images: [docker.io/library/debian]", "Dockerfile", root, nil, true},
		{"image with its tag", "images: ['debian:12']", "Dockerfile", root, nil, true},
		{"image, another tag", "images: ['debian:11']", "Dockerfile", root, nil, false},
		{"image, a namespace", "images: [ghcr.io/acme/**]", "Dockerfile",
			"FROM ghcr.io/acme/team/agent:1\nUSER root\n", nil, true},
		{"image, * stays in one element", "images: [ghcr.io/acme/*]", "Dockerfile",
			"FROM ghcr.io/acme/team/agent:1\nUSER root\n", nil, false},
		{"image of the stage it is built from", "images: [debian]", "Dockerfile",
			"FROM debian:12 AS base\nFROM base\nUSER root\n", nil, true},
		{"image from an ARG", "images: [debian]", "Dockerfile",
			"ARG BASE=debian:12\nFROM $BASE\nUSER root\n", nil, true},
		{"image from a build argument", "images: [debian]", "Dockerfile",
			"ARG BASE=debian:12\nFROM $BASE\nUSER root\n", map[string]string{"BASE": "alpine:3"}, false},
		{"match", "match: '^USER root$'", "Dockerfile", root, nil, true},
		{"match fails", "match: '^USER 0'", "Dockerfile", root, nil, false},
		{"every criterion must match", "{paths: [legacy/**], images: [alpine]}", "legacy/Dockerfile", root, nil, false},
		{"every criterion matches", "{paths: [legacy/**], images: [debian], match: root}", "legacy/Dockerfile", root, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := tc.exception
			if !strings.HasPrefix(x, "{") {
				x = "{" + x + "}"
			}
			x = strings.TrimSuffix(x, "}") + ", rule: RootUser, reason: because}"
			org := mustLoad(t, "org.yaml", "exceptions:\n  - "+x+"\n")
			e, err := Resolve(org, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			r, ok := outcomeOf(run(t, e, tc.filename, tc.df, tc.args), "RootUser")
			if !ok {
				t.Fatal("no RootUser finding")
			}
			if got := r.Outcome == transform.Excepted; got != tc.want {
				t.Errorf("excepted %v, want %v (%s: %s)", got, tc.want, r.Outcome, r.Advice())
			}
			if tc.want && r.Advice() != "policy exception (org.yaml:4): because" {
				t.Errorf("advice %q", r.Advice())
			}
		})
	}
}

// TestExpiry judges the same build the day an exception expires and the
// day after, by the policy's clock.
func TestExpiry(t *testing.T) {
	e, err := Resolve(orgPolicy(t), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	df := "FROM debian:12\nUSER root\n"
	tests := []struct {
		name     string
		now      string
		outcome  transform.Outcome
		advice   string
		notices  int
		expired  int
		filename string
	}{
		{"the last day", "2026-06-30T23:59:59Z", transform.Excepted,
			"policy exception (org.yaml:27, until 2026-06-30): the legacy agent runs as root until TICKET-12 is done",
			0, 0, "legacy/Dockerfile"},
		{"the day after", "2026-07-01T00:00:00Z", transform.Rejected,
			"(the policy exception at org.yaml:27 expired on 2026-06-30 and no longer applies)",
			1, 1, "legacy/Dockerfile"},
		{"not covered, expired or not", "2026-07-01T00:00:00Z", transform.Rejected, "USER 10001`",
			0, 1, "Dockerfile"},
		{"a later timezone's morning is still the last day", "2026-07-01T01:00:00+02:00", transform.Excepted,
			"until 2026-06-30", 0, 0, "legacy/Dockerfile"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			now, err := time.Parse(time.RFC3339, tc.now)
			if err != nil {
				t.Fatal(err)
			}
			e.Now = func() time.Time { return now }
			rep := run(t, e, tc.filename, df, nil)
			r, ok := outcomeOf(rep, "RootUser")
			if !ok || r.Outcome != tc.outcome || !strings.Contains(r.Advice(), tc.advice) {
				t.Fatalf("got %s: %q\nwant %s: ...%q", r.Outcome, r.Advice(), tc.outcome, tc.advice)
			}
			notices := e.Notices(rep)
			if len(notices) != tc.notices {
				t.Fatalf("notices %+v", notices)
			}
			if tc.notices > 0 {
				n := notices[0]
				if n.Rule != "RootUser" || n.Line != 2 || !strings.Contains(n.Message, "expired on 2026-06-30") {
					t.Errorf("notice %+v", n)
				}
			}
			if got := len(e.Expired()); got != tc.expired {
				t.Errorf("Expired() has %d exceptions, want %d", got, tc.expired)
			}
		})
	}
}

// TestInlineExceptionsByPolicy: the policy decides which inline
// exceptions the engine honours.
func TestInlineExceptionsByPolicy(t *testing.T) {
	const allow = "FROM debian:12\n# safe-dockerfile:allow=RootUser reason=\"systemd as PID 1\"\nUSER root\n"
	tests := []struct {
		name    string
		org     bool // org.yaml, which allows none to RootUser; else the default
		repo    string
		df      string
		outcome transform.Outcome
		inline  string // the InlineException finding's message, "" for none
	}{
		{"the default allows it", false, "", allow, transform.Excepted, ""},
		{"the organisation does not", true, "", allow, transform.Rejected, "allows no inline exceptions to RootUser"},
		{"a repository turns it off", false, "rules:\n  RootUser: {inline: false}\n", allow,
			transform.Rejected, "allows no inline exceptions to RootUser"},
		{"allowed, but without a reason", false, "",
			"FROM debian:12\n# safe-dockerfile:allow=RootUser\nUSER root\n", transform.Rejected, "gives no reason"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var org, repo *Policy
			if tc.org {
				org = orgPolicy(t)
			}
			if tc.repo != "" {
				repo = mustLoad(t, RepoFile, tc.repo)
			}
			e, err := Resolve(org, repo, nil)
			if err != nil {
				t.Fatal(err)
			}
			rep := run(t, e, "Dockerfile", tc.df, nil)
			if r, _ := outcomeOf(rep, "RootUser"); r.Outcome != tc.outcome {
				t.Errorf("RootUser: %s, want %s", r.Outcome, tc.outcome)
			}
			r, ok := outcomeOf(rep, "InlineException")
			if ok != (tc.inline != "") || ok && !strings.Contains(r.Message, tc.inline) {
				t.Errorf("InlineException: %v %q, want %q", ok, r.Message, tc.inline)
			}
		})
	}
}

func TestOptions(t *testing.T) {
	e, err := Resolve(orgPolicy(t), mustLoad(t, RepoFile, "numericUser: true\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	base := transform.Options{
		Filename:       "Dockerfile",
		RequiredLabels: []string{"com.acme.build", "org.opencontainers.image.source"},
		Actions:        map[string]transform.Action{"RootUser": transform.ActionOff},
	}
	opt := e.Options(base)
	if len(opt.Actions) != len(transform.All()) || opt.Actions["RootUser"] != transform.ActionError {
		t.Errorf("actions %v", opt.Actions)
	}
	want := "com.acme.build,org.opencontainers.image.source,org.opencontainers.image.revision"
	if got := strings.Join(opt.RequiredLabels, ","); got != want {
		t.Errorf("labels %s, want %s", got, want)
	}
	if !opt.NumericUser || opt.Except == nil || opt.InlineAllowed == nil || opt.Filename != "Dockerfile" {
		t.Errorf("options %+v", opt)
	}
	if base.Actions["RootUser"] != transform.ActionOff {
		t.Error("Options changed the base's map")
	}
}
