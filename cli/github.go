package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// WriteGitHub writes the report as GitHub Actions workflow commands, which
// the Actions runner turns into annotations on the files: an error for
// each finding that fails the build, a warning for each warning, a notice
// for each fixable one, and an error for each file that could not be
// checked. A summary line ends the output.
func WriteGitHub(w io.Writer, res *Result) error {
	var b strings.Builder
	for _, f := range res.Files {
		if f.Err != nil {
			props := "file=" + escapeProperty(f.Path)
			if line := errorLine(f.Err); line > 0 {
				props += fmt.Sprintf(",line=%d", line)
			}
			fmt.Fprintf(&b, "::error %s,title=safe-dockerfile::%s\n", props, escapeData(f.Err.Error()))
			continue
		}
		for _, r := range f.Report.Results {
			githubAnnotation(&b, f, r)
		}
	}
	b.WriteString(res.Summary().String() + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func githubAnnotation(b *strings.Builder, f *File, r transform.Result) {
	command := "notice"
	switch r.Outcome {
	case transform.Rejected:
		command = "error"
	case transform.Warned:
		command = "warning"
	}
	props := "file=" + escapeProperty(f.Path)
	if start, end, ok := lines(r); ok {
		props += fmt.Sprintf(",line=%d,endLine=%d", start, end)
	}
	msg := r.Message + "\n" + advice(f, r) + "\nsee: " + r.Rule.URL()
	fmt.Fprintf(b, "::%s %s,title=%s::%s\n", command, props, escapeProperty(r.Rule.ID), escapeData(msg))
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
