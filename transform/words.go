package transform

import (
	"strings"
	"unicode"
)

// span is a byte range of an instruction's joined text.
type span struct{ Start, End int }

// words splits an instruction's joined text at blanks, the way BuildKit
// finds its keyword and flags. It does not know quotes, so callers check
// that the word they find is the one BuildKit parsed.
func words(text string) []span {
	var out []span
	start := -1
	for i, r := range text {
		switch {
		case unicode.IsSpace(r) && start >= 0:
			out = append(out, span{start, i})
			start = -1
		case !unicode.IsSpace(r) && start < 0:
			start = i
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(text)})
	}
	return out
}

// argWord returns the span of the first word after the keyword and its
// flags: the image of a FROM line.
func argWord(text string) (span, bool) {
	ws := words(text)
	for _, w := range ws[min(1, len(ws)):] {
		if !strings.HasPrefix(text[w.Start:w.End], "--") {
			return w, true
		}
	}
	return span{}, false
}

// flagValue returns the span of the value of --name=value among the flags,
// or of key=value inside a comma-separated flag such as --mount, when the
// value written there is want.
func flagValue(text, name, key, want string) (span, bool) {
	prefix := "--" + name + "="
	ws := words(text)
	for _, w := range ws[min(1, len(ws)):] {
		tok := text[w.Start:w.End]
		if !strings.HasPrefix(tok, "--") {
			break
		}
		if !strings.HasPrefix(tok, prefix) {
			continue
		}
		off := w.Start + len(prefix)
		if key == "" {
			if text[off:w.End] == want {
				return span{off, w.End}, true
			}
			continue
		}
		for field := range strings.SplitSeq(text[off:w.End], ",") {
			if field == key+"="+want {
				s := off + len(key) + 1
				return span{s, s + len(want)}, true
			}
			off += len(field) + 1
		}
	}
	return span{}, false
}
