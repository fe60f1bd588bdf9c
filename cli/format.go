package cli

import (
	"io"
	"strings"
)

// Format is a report format.
type Format string

// The report formats.
const (
	FormatText   Format = "text"
	FormatJSON   Format = "json"
	FormatSARIF  Format = "sarif"
	FormatGitHub Format = "github"
)

// Formats lists the report formats.
var Formats = []Format{FormatText, FormatJSON, FormatSARIF, FormatGitHub}

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if strings.EqualFold(s, string(f)) {
			return f, nil
		}
	}
	return "", usagef("unknown --format %q: want text, json, sarif or github", s)
}

// Write writes res in the given format; color applies to text only.
func Write(w io.Writer, res *Result, format Format, color bool) error {
	switch format {
	case FormatJSON:
		return WriteJSON(w, res)
	case FormatSARIF:
		return WriteSARIF(w, res)
	case FormatGitHub:
		return WriteGitHub(w, res)
	}
	return WriteText(w, res, color)
}
