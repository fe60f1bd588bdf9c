package cli

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf16"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// SARIFSchema is the schema the SARIF log names.
const SARIFSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// The parts of SARIF 2.1.0 the report uses.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool        sarifTool         `json:"tool"`
		Invocations []sarifInvocation `json:"invocations"`
		Results     []sarifResult     `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string        `json:"id"`
		Name                 string        `json:"name"`
		ShortDescription     sarifText     `json:"shortDescription"`
		HelpURI              string        `json:"helpUri"`
		DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
		Properties           sarifProps    `json:"properties"`
	}
	sarifRuleConf struct {
		Enabled bool   `json:"enabled"`
		Level   string `json:"level"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool                `json:"executionSuccessful"`
		Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations"`
	}
	sarifResult struct {
		RuleID     string          `json:"ruleId"`
		RuleIndex  int             `json:"ruleIndex"`
		Level      string          `json:"level"`
		Message    sarifText       `json:"message"`
		Locations  []sarifLocation `json:"locations"`
		Fixes      []sarifFix      `json:"fixes,omitempty"`
		Properties sarifProps      `json:"properties"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifact      `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent sarifText   `json:"insertedContent"`
	}
	sarifProps map[string]string
)

// WriteSARIF writes the report as a SARIF 2.1.0 log with one run: every
// rule's metadata, each finding as a result whose level follows its
// outcome (error, warning, or note for a fixable one) and whose edits are
// a SARIF fix, and each file that could not be checked as a tool
// execution notification.
func WriteSARIF(w io.Writer, res *Result) error {
	rules, index := sarifRules()
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "safe-dockerfile",
			Version:        Version(),
			InformationURI: "https://github.com/safe-dockerfile/safe-dockerfile",
			Rules:          rules,
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: true}},
		Results:     []sarifResult{},
	}
	for _, f := range res.Files {
		if f.Err != nil {
			inv := &run.Invocations[0]
			inv.ExecutionSuccessful = false
			inv.Notifications = append(inv.Notifications, sarifNotice(f))
			continue
		}
		for _, r := range f.Report.Results {
			i, ok := index[r.Rule.ID]
			if !ok {
				i = len(run.Tool.Driver.Rules)
				index[r.Rule.ID] = i
				run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(r.Rule))
			}
			run.Results = append(run.Results, sarifResultOf(f, r, i))
		}
	}

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: SARIFSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

func sarifRules() ([]sarifRule, map[string]int) {
	var rules []sarifRule
	index := map[string]int{}
	for _, r := range transform.All() {
		index[r.ID] = len(rules)
		rules = append(rules, sarifRuleOf(r))
	}
	return rules, index
}

func sarifRuleOf(r *transform.Rule) sarifRule {
	level := "warning"
	if r.Default == transform.ActionError {
		level = "error"
	}
	return sarifRule{
		ID:                   r.ID,
		Name:                 r.ID,
		ShortDescription:     sarifText{Text: r.Summary},
		HelpURI:              r.URL(),
		DefaultConfiguration: sarifRuleConf{Enabled: r.Default != transform.ActionOff, Level: level},
		Properties:           sarifProps{"defaultAction": string(r.Default)},
	}
}

func sarifResultOf(f *File, r transform.Result, ruleIndex int) sarifResult {
	uri := artifactURI(f.Path)
	sr := sarifResult{
		RuleID:    r.Rule.ID,
		RuleIndex: ruleIndex,
		Level:     sarifLevel(r.Outcome),
		Message:   sarifText{Text: r.Message + "; " + advice(f, r)},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
			ArtifactLocation: sarifArtifact{URI: uri},
			Region:           sarifLines(r),
		}}},
		Properties: sarifProps{"outcome": outcome(f, r), "severity": r.Severity.String()},
	}
	// SARIF's replacements cannot move lines, so a fix that does is
	// described only in the message.
	if len(r.Edits) > 0 && r.Move == nil {
		sr.Fixes = []sarifFix{sarifFixOf(f, r, uri)}
	}
	return sr
}

// sarifLines is the region of r's lines, or nil for a finding about the
// whole file (line 0), which SARIF gives no region.
func sarifLines(r transform.Result) *sarifRegion {
	start, end, ok := lines(r)
	if !ok {
		return nil
	}
	return &sarifRegion{StartLine: start, EndLine: end}
}

func sarifLevel(o transform.Outcome) string {
	switch o {
	case transform.Rejected:
		return "error"
	case transform.Warned:
		return "warning"
	}
	return "note"
}

// sarifFixOf turns edits into replacements. SARIF counts columns in
// UTF-16 code units from 1 by default; edits count bytes from 0.
func sarifFixOf(f *File, r transform.Result, uri string) sarifFix {
	desc := r.Change
	if desc == "" {
		desc = r.Fix
	}
	change := sarifArtifactChange{ArtifactLocation: sarifArtifact{URI: uri}}
	for _, e := range r.Edits {
		line := f.Report.Dockerfile.Line(e.Line)
		change.Replacements = append(change.Replacements, sarifReplacement{
			DeletedRegion: sarifRegion{
				StartLine:   e.Line,
				StartColumn: utf16Column(line, e.Start),
				EndLine:     e.Line,
				EndColumn:   utf16Column(line, e.End),
			},
			InsertedContent: sarifText{Text: e.Text},
		})
	}
	return sarifFix{Description: sarifText{Text: desc}, ArtifactChanges: []sarifArtifactChange{change}}
}

func utf16Column(line string, byteOffset int) int {
	byteOffset = min(byteOffset, len(line))
	return len(utf16.Encode([]rune(line[:byteOffset]))) + 1
}

func sarifNotice(f *File) sarifNotification {
	loc := sarifPhysical{ArtifactLocation: sarifArtifact{URI: artifactURI(f.Path)}}
	if line := errorLine(f.Err); line > 0 {
		loc.Region = &sarifRegion{StartLine: line}
	}
	return sarifNotification{
		Level:     "error",
		Message:   sarifText{Text: f.Err.Error()},
		Locations: []sarifLocation{{PhysicalLocation: loc}},
	}
}

// artifactURI is a path as a SARIF URI: relative paths stay relative (to
// the folder the tool ran in, which code scanning takes as the
// repository's root), absolute ones become file URIs.
func artifactURI(p string) string {
	slash := filepath.ToSlash(p)
	if filepath.IsAbs(p) {
		if !strings.HasPrefix(slash, "/") {
			slash = "/" + slash
		}
		return (&url.URL{Scheme: "file", Path: slash}).String()
	}
	return (&url.URL{Path: strings.TrimPrefix(slash, "./")}).String()
}
