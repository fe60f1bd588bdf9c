package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/safe-dockerfile/safe-dockerfile/docs"
	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// WriteRules writes a table of every rule, in the order they run: its ID,
// its default action and its summary.
func WriteRules(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tDEFAULT\tSUMMARY")
	for _, r := range transform.All() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Default, r.Summary)
	}
	return tw.Flush()
}

// Explain writes the page of the rule with the given ID (matched without
// regard to case). A rule with no page yet gets its summary and address.
func Explain(w io.Writer, id string) error {
	rule, ok := lookupRule(id)
	if !ok {
		return usagef("unknown rule %q; `safe-dockerfile rules` lists them", id)
	}
	if page, ok := docs.RulePage(rule.ID); ok {
		_, err := w.Write(page)
		return err
	}
	_, err := fmt.Fprintf(w, "# %s\n\n%s.\n\nDefault action: %s.\n\nSee %s\n",
		rule.ID, rule.Summary, rule.Default, rule.URL())
	return err
}

func lookupRule(id string) (*transform.Rule, bool) {
	if r, ok := transform.Lookup(id); ok {
		return r, true
	}
	for _, r := range transform.All() {
		if strings.EqualFold(r.ID, id) {
			return r, true
		}
	}
	return nil, false
}
