package transform

import (
	"strings"
)

// verifyCommand returns the switch a command uses to turn verification
// off, as it is written, and what it stops checking.
func verifyCommand(c command) (string, verifyKind, bool) {
	if len(c.Args) == 0 {
		return "", 0, false
	}
	name := c.name()
	check, ok := verifyCommands[name]
	if !ok {
		switch {
		case strings.HasPrefix(name, "pip"):
			check = verifyPip
		case strings.HasPrefix(name, "python") && verifyHasArgs(c, "-m", "pip"):
			check = verifyPip
		default:
			return "", 0, false
		}
	}
	what, kind, ok := check(c)
	if !ok {
		return "", 0, false
	}
	return name + " " + what, kind, true
}

// verifyCommands check one program each; they return the switch found.
var verifyCommands = map[string]func(command) (string, verifyKind, bool){
	"apt-get":  verifyApt,
	"apt":      verifyApt,
	"aptitude": verifyApt,
	"apk":      verifyFlags(verifySignature, "--allow-untrusted"),
	"yum":      verifyRPMRepo,
	"dnf":      verifyRPMRepo,
	"microdnf": verifyRPMRepo,
	"tdnf":     verifyRPMRepo,
	"zypper":   verifyFlags(verifySignature, "--no-gpg-checks", "--no-gpgcheck"),
	"rpm":      verifyFlags(verifySignature, "--nosignature", "--nodigest", "--nogpgcheck"),
	"uv":       verifyFlags(verifyHost, "--allow-insecure-host", "--trusted-host"),
	"curl":     verifyCurl,
	"wget":     verifyWget,
	"npm":      verifyNpm,
	"yarn":     verifyNpm,
	"pnpm":     verifyNpm,
	"git":      verifyGit,
	"conda":    verifyConda,
	"mamba":    verifyConda,
	"helm": verifyFlags(verifyTLS, "--insecure-skip-tls-verify",
		"--kube-insecure-skip-tls-verify"),
	"kubectl": verifyFlags(verifyTLS, "--insecure-skip-tls-verify"),
	"go":      verifyFlags(verifyHost, "-insecure"),
	"echo":    verifyEcho,
	"printf":  verifyEcho,
}

// verifyFlags checks for options that need no value, alone or as
// --flag=value with a true value.
func verifyFlags(kind verifyKind, flags ...string) func(command) (string, verifyKind, bool) {
	return func(c command) (string, verifyKind, bool) {
		for _, a := range c.Args[1:] {
			name, value, hasValue := strings.Cut(a, "=")
			for _, f := range flags {
				if name == f && (!hasValue || verifyTrue(value)) {
					return a, kind, true
				}
			}
		}
		return "", 0, false
	}
}

func verifyHasArgs(c command, want ...string) bool {
	for i := 1; i+len(want) <= len(c.Args); i++ {
		match := true
		for j, w := range want {
			if c.Args[i+j] != w {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// verifyApt checks apt's flags and its -o configuration options.
func verifyApt(c command) (string, verifyKind, bool) {
	if a, k, ok := verifyFlags(verifySignature, "--allow-unauthenticated",
		"--allow-insecure-repositories", "--force-yes")(c); ok {
		return a, k, true
	}
	for i := 1; i < len(c.Args); i++ {
		a, opt := c.Args[i], ""
		switch {
		case (a == "-o" || a == "--option") && i+1 < len(c.Args):
			opt = c.Args[i+1]
		case strings.HasPrefix(a, "--option="):
			opt = strings.TrimPrefix(a, "--option=")
		case strings.HasPrefix(a, "-o") && len(a) > 2 && !strings.HasPrefix(a, "--"):
			opt = a[2:]
		default:
			continue
		}
		if kind, ok := verifyAptOption(opt); ok {
			return "-o " + opt, kind, true
		}
	}
	return "", 0, false
}

// verifyAptOption judges one apt configuration item, key=value.
func verifyAptOption(opt string) (verifyKind, bool) {
	key, value, ok := strings.Cut(opt, "=")
	if !ok {
		return 0, false
	}
	key = strings.ToLower(key)
	switch {
	case strings.HasSuffix(key, "::verify-peer") || strings.HasSuffix(key, "::verify-host"):
		return verifyTLS, verifyFalse(value)
	case key == "apt::get::allowunauthenticated" || key == "acquire::allowinsecurerepositories" ||
		key == "acquire::allowdowngradetoinsecurerepositories":
		return verifySignature, verifyTrue(value)
	}
	return 0, false
}

// verifyRPMRepo checks yum and dnf: --nogpgcheck, and --setopt that turns
// off gpgcheck or sslverify.
func verifyRPMRepo(c command) (string, verifyKind, bool) {
	if a, k, ok := verifyFlags(verifySignature, "--nogpgcheck", "--no-gpgchecks")(c); ok {
		return a, k, true
	}
	for i := 1; i < len(c.Args); i++ {
		opt := ""
		switch a := c.Args[i]; {
		case strings.HasPrefix(a, "--setopt="):
			opt = strings.TrimPrefix(a, "--setopt=")
		case a == "--setopt" && i+1 < len(c.Args):
			opt = c.Args[i+1]
		default:
			continue
		}
		key, value, _ := strings.Cut(strings.ToLower(opt), "=")
		if !verifyFalse(value) {
			continue
		}
		switch {
		case strings.HasSuffix(key, "gpgcheck"):
			return "--setopt=" + opt, verifySignature, true
		case strings.HasSuffix(key, "sslverify"):
			return "--setopt=" + opt, verifyTLS, true
		}
	}
	return "", 0, false
}

// verifyPip checks pip's --trusted-host, also set through pip config.
func verifyPip(c command) (string, verifyKind, bool) {
	for i, a := range c.Args[1:] {
		if a == "--trusted-host" || strings.HasPrefix(a, "--trusted-host=") {
			return a, verifyHost, true
		}
		if a == "set" && i+2 < len(c.Args) && strings.HasSuffix(c.Args[i+2], ".trusted-host") {
			return "config set " + c.Args[i+2], verifyHost, true
		}
	}
	return "", 0, false
}

// curlValued are curl's short options that take a value: in a group such
// as -sko they end the group, and the rest of it is their value.
const curlValued = "AbcCdDeEFHhKmoPQrtTuUwxXYyz"

func verifyCurl(c command) (string, verifyKind, bool) {
	for i := 1; i < len(c.Args); i++ {
		a := c.Args[i]
		switch {
		case a == "--insecure" || a == "--proxy-insecure" || a == "--doh-insecure":
			return a, verifyTLS, true
		case a == "--":
			return "", 0, false
		case securityShortFlag(a, 'k', curlValued):
			return a, verifyTLS, true
		case len(a) == 2 && a[0] == '-' && strings.IndexByte(curlValued, a[1]) >= 0:
			i++ // skip the option's value
		}
	}
	return "", 0, false
}

func verifyWget(c command) (string, verifyKind, bool) {
	for i := 1; i < len(c.Args); i++ {
		a := c.Args[i]
		switch {
		case a == "--no-check-certificate":
			return a, verifyTLS, true
		case a == "-e" && i+1 < len(c.Args):
			key, value, _ := strings.Cut(strings.ToLower(c.Args[i+1]), "=")
			key = strings.ReplaceAll(key, "-", "_")
			if key == "check_certificate" && verifyFalse(value) {
				return a + " " + c.Args[i+1], verifyTLS, true
			}
		}
	}
	return "", 0, false
}

// verifyNpm checks npm, yarn and pnpm for strict-ssl turned off, by
// `config set` or by a command-line flag.
func verifyNpm(c command) (string, verifyKind, bool) {
	args := c.Args[1:]
	for i, a := range args {
		lower := strings.ToLower(a)
		if lower == "--no-strict-ssl" {
			return a, verifyTLS, true
		}
		key, value, hasValue := strings.Cut(strings.TrimPrefix(lower, "--"), "=")
		if key != "strict-ssl" && key != "enablestrictssl" {
			continue
		}
		if !hasValue && i+1 < len(args) && i > 0 && args[i-1] == "set" {
			value, hasValue = args[i+1], true
		}
		if hasValue && verifyFalse(value) {
			return strings.Join(verifySetWords(args, i), " "), verifyTLS, true
		}
	}
	return "", 0, false
}

// verifySetWords returns the words of `config set key value` around the
// key at i, for the message.
func verifySetWords(args []string, i int) []string {
	start := i
	for start > 0 && (args[start-1] == "set" || args[start-1] == "config") {
		start--
	}
	end := i + 1
	if !strings.Contains(args[i], "=") && end < len(args) {
		end++
	}
	return args[start:end]
}

// verifyGit checks `git -c http.sslVerify=false` and
// `git config [--global] http.sslVerify false`, also for http.<url>.
func verifyGit(c command) (string, verifyKind, bool) {
	for i := 1; i < len(c.Args); i++ {
		a := c.Args[i]
		if a == "-c" && i+1 < len(c.Args) {
			key, value, _ := strings.Cut(c.Args[i+1], "=")
			if verifyGitKey(key) && verifyFalse(value) {
				return "-c " + c.Args[i+1], verifyTLS, true
			}
			i++
			continue
		}
		if a != "config" {
			continue
		}
		var ops []string
		for _, b := range c.Args[i+1:] {
			if !strings.HasPrefix(b, "-") {
				ops = append(ops, b)
			}
		}
		if len(ops) >= 2 && verifyGitKey(ops[0]) && verifyFalse(ops[1]) {
			return "config " + ops[0] + " " + ops[1], verifyTLS, true
		}
		return "", 0, false
	}
	return "", 0, false
}

func verifyGitKey(key string) bool {
	key = strings.ToLower(key)
	return strings.HasPrefix(key, "http.") && strings.HasSuffix(key, ".sslverify")
}

// verifyConda checks conda's --insecure and `config --set ssl_verify`.
func verifyConda(c command) (string, verifyKind, bool) {
	for i, a := range c.Args[1:] {
		if a == "--insecure" || a == "-k" {
			return a, verifyTLS, true
		}
		if a == "--set" && i+3 < len(c.Args) && c.Args[i+2] == "ssl_verify" && verifyFalse(c.Args[i+3]) {
			return "config --set ssl_verify " + c.Args[i+3], verifyTLS, true
		}
	}
	return "", 0, false
}

// verifyEcho finds an apt source or setting written by echo or printf
// that turns checks off: a "[trusted=yes]" source on the network, or
// Verify-Peer "false". A trusted file: or copy: source is a local
// repository the build made itself, and is not reported.
func verifyEcho(c command) (string, verifyKind, bool) {
	text := strings.Join(c.Args[1:], " ")
	lower := strings.ToLower(text)
	if i := strings.Index(lower, "trusted=yes"); i >= 0 && strings.Contains(lower, "deb ") {
		open := strings.LastIndex(lower[:i], "[")
		close := strings.Index(lower[i:], "]")
		if open >= 0 && close >= 0 {
			rest := strings.TrimSpace(lower[i+close+1:])
			if !strings.HasPrefix(rest, "file:") && !strings.HasPrefix(rest, "copy:") &&
				rest != "" {
				return "writes an apt source with [trusted=yes], which", verifySignature, true
			}
		}
	}
	for _, key := range []string{"verify-peer", "verify-host"} {
		i := strings.Index(lower, key)
		if i < 0 {
			continue
		}
		value := strings.Trim(strings.TrimSpace(lower[i+len(key):]), `";'`)
		if strings.HasPrefix(value, "false") || strings.HasPrefix(value, "\\\"false") {
			return "writes apt's " + key + " \"false\", which", verifyTLS, true
		}
	}
	return "", 0, false
}
