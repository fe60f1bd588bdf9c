package cli

import (
	"fmt"
	"strings"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// Summary counts a Result's findings by what became of them.
type Summary struct {
	// Files is how many Dockerfiles were looked at; Failed how many of
	// them could not be checked or written.
	Files, Failed int
	// Errors and Warnings count the findings with those outcomes.
	Errors, Warnings int
	// Fixable counts the fixes not written: in a check, the ones a build
	// or `fix` would apply. Fixed counts the fixes written.
	Fixable, Fixed int
	// Rewritten is how many files fix wrote.
	Rewritten int
}

// Summary counts the findings of res.
func (res *Result) Summary() Summary {
	s := Summary{Files: len(res.Files)}
	for _, f := range res.Files {
		if f.Err != nil {
			s.Failed++
		}
		if f.Written {
			s.Rewritten++
		}
		if f.Report == nil {
			continue
		}
		for _, r := range f.Report.Results {
			switch outcome(f, r) {
			case "error":
				s.Errors++
			case "warning":
				s.Warnings++
			case "fixed":
				s.Fixed++
			case "fixable":
				s.Fixable++
			}
		}
	}
	return s
}

// outcome names what became of a finding here: "fixed" only when the fix
// was written, "fixable" when it was not (a check, or a diff).
func outcome(f *File, r transform.Result) string {
	if r.Outcome != transform.Fixed {
		return string(r.Outcome)
	}
	if f.Written {
		return "fixed"
	}
	return "fixable"
}

// advice labels what to tell the user beside a finding's message: the
// change, marked fixed or fixable as outcome says, else the fix to make.
func advice(f *File, r transform.Result) string {
	if r.Outcome == transform.Fixed {
		return outcome(f, r) + ": " + r.Change
	}
	return "fix: " + r.Fix
}

// String is the summary line, e.g. "1 error, 2 warnings, 3 fixable".
func (s Summary) String() string {
	parts := []string{
		count(s.Errors, "error", "errors"),
		count(s.Warnings, "warning", "warnings"),
	}
	if s.Fixed > 0 {
		parts = append(parts, count(s.Fixed, "fixed", "fixed"))
	}
	if s.Fixable > 0 || s.Fixed == 0 {
		parts = append(parts, count(s.Fixable, "fixable", "fixable"))
	}
	line := strings.Join(parts, ", ")

	files := count(s.Files, "file", "files")
	if s.Rewritten > 0 {
		files += fmt.Sprintf(", %d rewritten", s.Rewritten)
	}
	if s.Failed > 0 {
		files += fmt.Sprintf(", %d failed", s.Failed)
	}
	return line + " (" + files + ")"
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
