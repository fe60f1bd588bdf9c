package transform

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// remoteDL is one download: what it fetches and the file it writes, ""
// for standard output.
type remoteDL struct {
	label, url, file string
	line             int // of the RUN
}

// remoteDownload reads a curl or wget command.
func remoteDownload(c command) (remoteDL, bool) {
	name := c.name()
	if name != "curl" && name != "wget" {
		return remoteDL{}, false
	}
	d := remoteDL{}
	remoteName := false
	wgetFile := name == "wget"
	for i := 1; i < len(c.Args); i++ {
		a := c.Args[i]
		next := func() string {
			if i+1 < len(c.Args) {
				i++
				return c.Args[i]
			}
			return ""
		}
		switch {
		case strings.Contains(a, "://"):
			if d.url == "" {
				d.url = a
			}
		case name == "curl" && (a == "-o" || a == "--output"):
			d.file = next()
		case name == "curl" && strings.HasPrefix(a, "--output="):
			d.file = strings.TrimPrefix(a, "--output=")
		case name == "curl" && (a == "-O" || a == "--remote-name" || a == "--remote-name-all"):
			remoteName = true
		case name == "wget" && (a == "-O" || a == "--output-document"):
			d.file, wgetFile = next(), false
		case name == "wget" && strings.HasPrefix(a, "--output-document="):
			d.file, wgetFile = strings.TrimPrefix(a, "--output-document="), false
		case len(a) > 1 && a[0] == '-' && a[1] != '-':
			file, named, ok := remoteShortOutput(name, a)
			if !ok {
				if len(a) == 2 && name == "curl" && strings.IndexByte(curlValued, a[1]) >= 0 {
					next()
				}
				continue
			}
			if named {
				remoteName = true
				continue
			}
			if file == "" {
				file = next()
			}
			d.file = file
			wgetFile = false
		}
	}
	if (remoteName || wgetFile) && d.url != "" && d.file == "" {
		d.file = path.Base(strings.SplitN(d.url, "?", 2)[0])
	}
	if d.file == "-" || d.file == "/dev/stdout" {
		d.file = ""
	}
	d.label = name
	if d.url != "" {
		d.label += " " + d.url
	}
	return d, true
}

// remoteShortOutput reads a short option group such as -fsSLo or -qO-:
// the file it names (empty when the next word is the file), whether it
// asks for the remote name (curl -O), and whether the group sets the
// output at all.
func remoteShortOutput(name, a string) (string, bool, bool) {
	valued := curlValued
	out := byte('o')
	if name == "wget" {
		valued, out = "OoaPeBiUTtwQYlAdDIX", 'O'
	}
	for j := 1; j < len(a); j++ {
		ch := a[j]
		if name == "curl" && ch == 'O' {
			return "", true, true
		}
		if ch == out {
			return a[j+1:], false, true
		}
		if strings.IndexByte(valued, ch) >= 0 {
			return "", false, false
		}
	}
	return "", false, false
}

// remoteRedirect returns the literal file a statement's standard output
// is redirected to.
func remoteRedirect(s *syntax.Stmt) string {
	for _, r := range s.Redirs {
		if (r.Op == syntax.RdrOut || r.Op == syntax.RdrClob) && (r.N == nil || r.N.Value == "1") {
			if file, ok := securityWordLit(r.Word); ok {
				return file
			}
		}
	}
	return ""
}
