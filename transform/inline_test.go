package transform

import (
	"context"
	"strings"
	"testing"
)

// TestExceptions runs small Dockerfiles through the engine with inline
// exceptions allowed or not, and with a policy's Except, and checks the
// outcome of each finding by rule and line.
func TestExceptions(t *testing.T) {
	only := func(ids ...string) func(string) bool {
		return func(id string) bool { return strings.Contains(","+strings.Join(ids, ",")+",", ","+id+",") }
	}
	type result = exceptResult
	tests := []struct {
		name    string
		df      string
		inline  func(string) bool
		except  func(Finding, *Pass) (string, bool)
		rules   []*Rule // nil: RootUser and InlineException
		want    []result
		changed bool
	}{
		{
			name:   "allowed",
			df:     "# safe-dockerfile:allow=RootUser reason=\"vendor agent needs root\"\nFROM busybox\n",
			inline: only("RootUser"),
			want:   []result{{"RootUser", 2, Excepted, "inline exception (line 1): vendor agent needs root"}},
		},
		{
			name:   "allowed, unquoted reason, one of several rules",
			df:     "FROM busybox\n# safe-dockerfile:allow=ExposeSSH,RootUser reason=legacy host\nUSER root\n",
			inline: only("RootUser"),
			want: []result{
				{"InlineException", 2, Warned, "no inline exceptions to ExposeSSH"},
				{"RootUser", 3, Excepted, "inline exception (line 2): legacy host"},
			},
		},
		{
			name:   "below other comments",
			df:     "FROM busybox\n# safe-dockerfile:allow=RootUser reason=\"x\"\n# the vendor's agent\nUSER root\n",
			inline: only("RootUser"),
			want:   []result{{"RootUser", 4, Excepted, "(line 2): x"}},
		},
		{
			name: "not allowed: no policy",
			df:   "# safe-dockerfile:allow=RootUser reason=\"vendor agent needs root\"\nFROM busybox\n",
			want: []result{
				{"InlineException", 1, Warned, "allows no inline exceptions to RootUser, so its findings on line 2 stand"},
				{"RootUser", 2, Rejected, "runs as root"},
			},
		},
		{
			name:   "not allowed for this rule",
			df:     "# safe-dockerfile:allow=RootUser reason=\"x\"\nFROM busybox\n",
			inline: only("UnsafeAdd"),
			want: []result{
				{"InlineException", 1, Warned, "no inline exceptions to RootUser"},
				{"RootUser", 2, Rejected, "runs as root"},
			},
		},
		{
			name:   "no reason",
			df:     "# safe-dockerfile:allow=RootUser\nFROM busybox\n",
			inline: only("RootUser"),
			want: []result{
				{"InlineException", 1, Warned, "gives no reason"},
				{"RootUser", 2, Rejected, "runs as root"},
			},
		},
		{
			name:   "empty reason",
			df:     "# safe-dockerfile:allow=RootUser reason=\"  \"\nFROM busybox\n",
			inline: only("RootUser"),
			want: []result{
				{"InlineException", 1, Warned, "reason is empty"},
				{"RootUser", 2, Rejected, "runs as root"},
			},
		},
		{
			name:   "unclosed quote",
			df:     "# safe-dockerfile:allow=RootUser reason=\"x\nFROM busybox\n",
			inline: only("RootUser"),
			want: []result{
				{"InlineException", 1, Warned, "closing quote is missing"},
				{"RootUser", 2, Rejected, "runs as root"},
			},
		},
		{
			name:   "unknown rule",
			df:     "# safe-dockerfile:allow=RootUsr reason=\"x\"\nFROM busybox\n",
			inline: only("RootUser"),
			want: []result{
				{"InlineException", 1, Warned, `unknown rule "RootUsr"`},
				{"RootUser", 2, Rejected, "runs as root"},
			},
		},
		{
			name:   "unknown comment",
			df:     "# safe-dockerfile:ignore=RootUser reason=\"x\"\nFROM busybox\n",
			inline: only("RootUser"),
			want: []result{
				{"InlineException", 1, Warned, `unknown comment "safe-dockerfile:ignore=RootUser`},
				{"RootUser", 2, Rejected, "runs as root"},
			},
		},
		{
			name:   "blank line before the instruction",
			df:     "FROM busybox\n# safe-dockerfile:allow=RootUser reason=\"x\"\n\nUSER root\n",
			inline: only("RootUser"),
			want: []result{
				{"InlineException", 2, Warned, "not directly above an instruction"},
				{"RootUser", 4, Rejected, "runs as root"},
			},
		},
		{
			name:   "inside an instruction it is not a comment",
			df:     "FROM busybox\nRUN echo a \\\n# safe-dockerfile:allow=RootUser\n  && echo b\nUSER 10001\n",
			inline: only("RootUser"),
		},
		{
			name:   "an excepted fix is not applied",
			df:     "# safe-dockerfile:allow=UnpinnedBaseImage reason=\"tracks the nightly\"\nFROM nonroot:1\n",
			inline: only("UnpinnedBaseImage"),
			rules:  []*Rule{UnpinnedBaseImage, InlineException},
			want:   []result{{"UnpinnedBaseImage", 2, Excepted, "tracks the nightly"}},
		},
		{
			name:    "not excepted, the fix is applied",
			df:      "FROM nonroot:1\n",
			rules:   []*Rule{UnpinnedBaseImage, InlineException},
			want:    []result{{"UnpinnedBaseImage", 1, Fixed, "pinned"}},
			changed: true,
		},
		{
			name:   "the policy's exception comes first",
			df:     "# safe-dockerfile:allow=RootUser reason=\"inline\"\nFROM busybox\n",
			inline: only("RootUser"),
			except: func(f Finding, _ *Pass) (string, bool) { return "policy says so", f.Rule == RootUser },
			want:   []result{{"RootUser", 2, Excepted, "policy says so"}},
		},
		{
			name:   "a note from the policy stays with the finding",
			df:     "FROM busybox\n",
			except: func(Finding, *Pass) (string, bool) { return "the exception expired", false },
			want:   []result{{"RootUser", 1, Rejected, "USER 10001` (the exception expired)"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rules := tc.rules
			if rules == nil {
				rules = []*Rule{RootUser, InlineException}
			}
			opt := Options{
				Resolver:      fakeResolver{},
				Rules:         rules,
				InlineAllowed: tc.inline,
				Except:        tc.except,
			}
			rep, err := Run(context.Background(), []byte(tc.df), opt)
			if err != nil {
				t.Fatal(err)
			}
			var got []result
			for _, r := range rep.Results {
				got = append(got, result{r.Rule.ID, r.Location.Start.Line, r.Outcome, r.Message + " | " + r.Advice()})
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d results, want %d: %+v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				g := got[i]
				if g.rule != w.rule || g.line != w.line || g.outcome != w.outcome || !strings.Contains(g.text, w.text) {
					t.Errorf("result %d: got %+v\nwant %+v", i, g, w)
				}
			}
			if rep.Changed() != tc.changed {
				t.Errorf("changed %v, want %v:\n%s", rep.Changed(), tc.changed, rep.Output)
			}
			if n := len(rep.Excepted()); n != countOutcome(tc.want, Excepted) {
				t.Errorf("Excepted() returned %d results", n)
			}
		})
	}
}

// exceptResult is a result as TestExceptions compares it.
type exceptResult struct {
	rule    string
	line    int
	outcome Outcome
	text    string // a substring of the message and advice
}

func countOutcome(rs []exceptResult, o Outcome) int {
	n := 0
	for _, r := range rs {
		if r.outcome == o {
			n++
		}
	}
	return n
}
