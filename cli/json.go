package cli

import (
	"encoding/json"
	"io"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// JSONVersion is the version of the JSON report's schema. It changes only
// when a field is removed or changes meaning; new fields may be added
// within a version.
const JSONVersion = "1"

// JSONReport is the JSON report; docs/cli.md documents every field.
type JSONReport struct {
	Version string      `json:"version"`
	Tool    JSONTool    `json:"tool"`
	Command string      `json:"command"`
	Files   []JSONFile  `json:"files"`
	Summary JSONSummary `json:"summary"`
}

// JSONTool names the tool that wrote the report.
type JSONTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// JSONFile is one Dockerfile's findings, or the error that stopped its
// check.
type JSONFile struct {
	Path     string        `json:"path"`
	Error    string        `json:"error,omitempty"`
	Written  bool          `json:"written"`
	Findings []JSONFinding `json:"findings"`
}

// JSONFinding is one finding. Lines are 1-based.
type JSONFinding struct {
	Rule     string     `json:"rule"`
	Severity string     `json:"severity"`
	Outcome  string     `json:"outcome"`
	Line     int        `json:"line"`
	EndLine  int        `json:"endLine"`
	Message  string     `json:"message"`
	Fix      string     `json:"fix"`
	Change   string     `json:"change,omitempty"`
	URL      string     `json:"url"`
	Edits    []JSONEdit `json:"edits"`
	// Move, when set, reorders lines after the edits are made
	// (DependencyOrder); a tool that applies the edits alone does not
	// get the fix.
	Move *JSONMove `json:"move,omitempty"`
}

// JSONEdit replaces the bytes [start, end) of one line (0-based byte
// offsets, without the line ending) with text.
type JSONEdit struct {
	Line  int    `json:"line"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// JSONSummary is Summary in the report.
type JSONSummary struct {
	Files     int `json:"files"`
	Failed    int `json:"failed"`
	Errors    int `json:"errors"`
	Warnings  int `json:"warnings"`
	Fixable   int `json:"fixable"`
	Fixed     int `json:"fixed"`
	Rewritten int `json:"rewritten"`
}

// WriteJSON writes the report as one indented JSON document.
func WriteJSON(w io.Writer, res *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(res.JSON())
}

// JSON returns the report in its JSON shape.
func (res *Result) JSON() JSONReport {
	rep := JSONReport{
		Version: JSONVersion,
		Tool:    JSONTool{Name: "safe-dockerfile", Version: Version()},
		Command: "check",
		Files:   []JSONFile{},
	}
	if res.Fix {
		rep.Command = "fix"
	}
	for _, f := range res.Files {
		rep.Files = append(rep.Files, jsonFile(f))
	}
	s := res.Summary()
	rep.Summary = JSONSummary{
		Files: s.Files, Failed: s.Failed,
		Errors: s.Errors, Warnings: s.Warnings,
		Fixable: s.Fixable, Fixed: s.Fixed, Rewritten: s.Rewritten,
	}
	return rep
}

func jsonFile(f *File) JSONFile {
	jf := JSONFile{Path: f.Path, Written: f.Written, Findings: []JSONFinding{}}
	if f.Err != nil {
		jf.Error = f.Err.Error()
		return jf
	}
	for _, r := range f.Report.Results {
		jf.Findings = append(jf.Findings, jsonFinding(f, r))
	}
	return jf
}

// jsonFinding uses the outcome words of the text and SARIF reports: a fix
// that was not written is "fixable", not "fixed".
func jsonFinding(f *File, r transform.Result) JSONFinding {
	jr := JSONFinding{
		Rule:     r.Rule.ID,
		Severity: r.Severity.String(),
		Outcome:  outcome(f, r),
		Line:     r.Location.Start.Line,
		EndLine:  r.Location.End.Line,
		Message:  r.Message,
		Fix:      r.Fix,
		Change:   r.Change,
		URL:      r.Rule.URL(),
		Edits:    []JSONEdit{},
	}
	for _, e := range r.Edits {
		jr.Edits = append(jr.Edits, JSONEdit{Line: e.Line, Start: e.Start, End: e.End, Text: e.Text})
	}
	if m := r.Move; m != nil {
		jr.Move = &JSONMove{Start: m.Start, Split: m.Split, End: m.End}
	}
	return jr
}

// JSONMove is a fix's reordering of lines, made after its edits: the lines
// from start up to split move below the lines from split to end.
type JSONMove struct {
	Start int `json:"start"`
	Split int `json:"split"`
	End   int `json:"end"`
}
