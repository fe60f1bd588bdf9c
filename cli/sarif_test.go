package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

const sarifSchemaFile = "testdata/sarif-2.1.0-rtm.5.json"

// sarifSchema compiles the SARIF 2.1.0 schema kept in testdata.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// sarifOf writes res as SARIF and returns it decoded for the schema.
func sarifOf(t *testing.T, res *Result) (any, []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSARIF(&b, res); err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return doc, b.Bytes()
}

func TestSARIFValidatesAgainstTheSchema(t *testing.T) {
	sch := sarifSchema(t)
	failed, err := checkOne(t, dfBroken, Config{Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	for name, res := range map[string]*Result{
		"findings":    mixedResult(t),
		"failed file": failed,
		"nothing":     {},
	} {
		t.Run(name, func(t *testing.T) {
			doc, raw := sarifOf(t, res)
			if err := sch.Validate(doc); err != nil {
				t.Errorf("SARIF does not validate: %v\n%s", err, raw)
			}
		})
	}
}

// TestSARIFSchemaCatchesMistakes makes sure the schema check has teeth.
func TestSARIFSchemaCatchesMistakes(t *testing.T) {
	sch := sarifSchema(t)
	doc, _ := sarifOf(t, mixedResult(t))
	run := doc.(map[string]any)["runs"].([]any)[0].(map[string]any)
	run["results"].([]any)[0].(map[string]any)["level"] = "fatal"
	if err := sch.Validate(doc); err == nil {
		t.Error("a result with level fatal validates")
	}
}

// TestSARIFStructure checks the fields the report promises, with their
// types, as the spec defines them.
func TestSARIFStructure(t *testing.T) {
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID               string `json:"id"`
						ShortDescription struct {
							Text string `json:"text"`
						} `json:"shortDescription"`
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
							EndLine   int `json:"endLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				Fixes []struct {
					Description struct {
						Text string `json:"text"`
					} `json:"description"`
					ArtifactChanges []struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Replacements []struct {
							DeletedRegion struct {
								StartLine   int `json:"startLine"`
								StartColumn int `json:"startColumn"`
								EndLine     int `json:"endLine"`
								EndColumn   int `json:"endColumn"`
							} `json:"deletedRegion"`
							InsertedContent struct {
								Text string `json:"text"`
							} `json:"insertedContent"`
						} `json:"replacements"`
					} `json:"artifactChanges"`
				} `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	_, raw := sarifOf(t, mixedResult(t))
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("SARIF fields have the wrong types: %v", err)
	}

	if log.Schema != SARIFSchema || log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("header: %s %s, %d runs", log.Schema, log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "safe-dockerfile" || len(run.Tool.Driver.Rules) == 0 {
		t.Fatalf("driver: %+v", run.Tool.Driver)
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" || !strings.HasSuffix(r.HelpURI, "/"+r.ID+".md") {
			t.Errorf("rule metadata: %+v", r)
		}
	}

	if len(run.Results) != 4 {
		t.Fatalf("want 4 results, got %d", len(run.Results))
	}
	levels := map[string]string{}
	for _, r := range run.Results {
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s points at rule %d", r.RuleID, r.RuleIndex)
		}
		loc := r.Locations[0].PhysicalLocation
		if r.Message.Text == "" || loc.ArtifactLocation.URI != "Dockerfile" || loc.Region.StartLine < 1 ||
			loc.Region.EndLine < loc.Region.StartLine {
			t.Errorf("result: %+v", r)
		}
		levels[r.RuleID] = r.Level
	}
	if levels["RootUser"] != "error" || levels["UnpinnedBaseImage"] != "note" {
		t.Errorf("levels: %v", levels)
	}

	pin := run.Results[0]
	if len(pin.Fixes) != 1 || len(pin.Fixes[0].ArtifactChanges) != 1 {
		t.Fatalf("pin result has no fix: %+v", pin)
	}
	rep := pin.Fixes[0].ArtifactChanges[0].Replacements[0]
	if rep.DeletedRegion.StartLine != 1 || rep.DeletedRegion.StartColumn != 6 ||
		rep.DeletedRegion.EndColumn != 15 || rep.InsertedContent.Text != "debian:12@"+fakeDigest {
		t.Errorf("pin replacement: %+v", rep)
	}
}

func TestUTF16Column(t *testing.T) {
	line := "RUN echo é😀 x"
	for _, tc := range []struct{ offset, want int }{
		{0, 1},
		{9, 10},  // before é
		{11, 11}, // é is 2 bytes, 1 unit
		{15, 13}, // 😀 is 4 bytes, 2 units
		{len(line), 15},
	} {
		if got := utf16Column(line, tc.offset); got != tc.want {
			t.Errorf("utf16Column at byte %d = %d, want %d", tc.offset, got, tc.want)
		}
	}
}

// TestSARIFOfTheCorpusValidates checks every rule's findings over the
// shared corpus and cases, offline, against the schema: what any rule
// reports must make valid SARIF.
func TestSARIFOfTheCorpusValidates(t *testing.T) {
	res, err := Check(context.Background(), Config{
		Paths:     []string{filepath.Join(sharedDir, "corpus"), filepath.Join(sharedDir, "cases")},
		Offline:   true,
		LookupEnv: noGit,
	})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := sarifOf(t, res)
	if err := sarifSchema(t).Validate(doc); err != nil {
		t.Errorf("SARIF of the corpus does not validate: %v", err)
	}
}

// TestFileLevelFinding: a finding about the whole file (line 0) gets no
// region, no line and no snippet, in every format.
func TestFileLevelFinding(t *testing.T) {
	res, err := checkOne(t, dfClean, Config{Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	f := res.Files[0]
	f.Path = "Dockerfile"
	rule := &transform.Rule{ID: "WholeFile", Summary: "a rule about the whole file", Default: transform.ActionWarn}
	f.Report.Results = append(f.Report.Results, transform.Result{
		Finding: transform.Finding{Rule: rule, Severity: transform.SeverityWarning, Message: "no file-wide thing"},
		Outcome: transform.Warned,
	})

	doc, raw := sarifOf(t, res)
	if err := sarifSchema(t).Validate(doc); err != nil {
		t.Errorf("SARIF does not validate: %v\n%s", err, raw)
	}
	var b bytes.Buffer
	if err := WriteGitHub(&b, res); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "::warning file=Dockerfile,title=WholeFile::no file-wide thing") {
		t.Errorf("github:\n%s", b.String())
	}
	b.Reset()
	if err := WriteText(&b, res, false); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "Dockerfile: WholeFile: warning: no file-wide thing\n   = fix:") {
		t.Errorf("text:\n%s", b.String())
	}
}
