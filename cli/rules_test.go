package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/safe-dockerfile/safe-dockerfile/docs"
	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

func TestWriteRulesListsEveryRule(t *testing.T) {
	var b bytes.Buffer
	if err := WriteRules(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if !strings.HasPrefix(lines[0], "RULE") || len(lines) != len(transform.All())+1 {
		t.Fatalf("table:\n%s", b.String())
	}
	for i, r := range transform.All() {
		f := strings.Fields(lines[i+1])
		if len(f) < 3 || f[0] != r.ID || f[1] != string(r.Default) || !strings.Contains(lines[i+1], r.Summary) {
			t.Errorf("row %q for %s", lines[i+1], r.ID)
		}
	}
}

func TestExplainPrintsThePage(t *testing.T) {
	for _, id := range docs.RulePages() {
		if _, ok := transform.Lookup(id); !ok {
			continue
		}
		page, _ := docs.RulePage(id)
		var b bytes.Buffer
		if err := Explain(&b, strings.ToLower(id)); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if !bytes.Equal(b.Bytes(), page) {
			t.Errorf("explain %s does not print docs/rules/%s.md", id, id)
		}
	}
}

// TestEveryRuleCanBeExplained: a rule with no page yet still gets its
// summary and address.
func TestEveryRuleCanBeExplained(t *testing.T) {
	for _, r := range transform.All() {
		var b bytes.Buffer
		if err := Explain(&b, r.ID); err != nil {
			t.Fatalf("%s: %v", r.ID, err)
		}
		if _, ok := docs.RulePage(r.ID); !ok && !strings.Contains(b.String(), r.URL()) {
			t.Errorf("%s has no page and its explanation no address:\n%s", r.ID, b.String())
		}
	}
}

func TestExplainUnknownRule(t *testing.T) {
	err := Explain(&bytes.Buffer{}, "NoSuchRule")
	if !IsUsage(err) || !strings.Contains(err.Error(), `unknown rule "NoSuchRule"`) {
		t.Errorf("err %v", err)
	}
}

func TestRulePagesHaveNoIndex(t *testing.T) {
	for _, id := range docs.RulePages() {
		if id == "README" {
			t.Error("the index page is listed as a rule")
		}
	}
	if _, ok := docs.RulePage("../doc.go"); ok {
		t.Error("RulePage reads outside rules/")
	}
}
