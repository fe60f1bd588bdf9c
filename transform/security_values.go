package transform

import (
	"encoding/base64"
	"encoding/json"
	"regexp"
	"strings"
)

// securityTokens are the formats of credentials that tell themselves
// apart by their text alone.
var securityTokens = []struct {
	kind string
	re   *regexp.Regexp
}{
	{"an AWS access key id", regexp.MustCompile(`\b(?:AKIA|ASIA)[A-Z0-9]{16}\b`)},
	{"a GitHub token", regexp.MustCompile(`\bgh[pousr]_[A-Za-z0-9]{30,}\b`)},
	{"a GitHub token", regexp.MustCompile(`\bgithub_pat_[A-Za-z0-9_]{30,}`)},
	{"a GitLab token", regexp.MustCompile(`\bglpat-[A-Za-z0-9_-]{20,}`)},
	{"a Slack token", regexp.MustCompile(`\bxox[abpr]-[A-Za-z0-9-]{10,}`)},
	{"a private key", regexp.MustCompile(`-----BEGIN[A-Z0-9 ]*PRIVATE KEY-----`)},
}

var (
	securityJWT = regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`)
	// securityURLAuth finds user:password@ in a URL; group 1 is the password.
	securityURLAuth = regexp.MustCompile(`\b[A-Za-z][A-Za-z0-9+.-]*://[^\s/:@'"]+:([^\s/@'"]+)@`)
)

// secretToken finds a credential of a known format in a value.
func secretToken(v string) (string, string, bool) {
	for _, t := range securityTokens {
		if m := t.re.FindString(v); m != "" && !strings.Contains(m, "EXAMPLE") {
			return t.kind, m, true
		}
	}
	for _, m := range securityJWT.FindAllString(v, -1) {
		if securityIsJWT(m) {
			return "a JSON Web Token", m, true
		}
	}
	for _, m := range securityURLAuth.FindAllStringSubmatch(v, -1) {
		if pw := m[1]; !strings.Contains(pw, "$") && !securityPlaceholder(pw) {
			return "a URL with a password", m[0], true
		}
	}
	return "", "", false
}

// securityIsJWT reports whether the first segment of a dotted token is a
// JSON header with an "alg".
func securityIsJWT(tok string) bool {
	head, _, _ := strings.Cut(tok, ".")
	dt, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(head, "="))
	if err != nil {
		return false
	}
	var h map[string]any
	if json.Unmarshal(dt, &h) != nil {
		return false
	}
	_, ok := h["alg"]
	return ok
}

// securitySecretWords are name parts that say a variable holds a secret.
var securitySecretWords = []string{
	"PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "SECRETS", "TOKEN", "TOKENS",
	"CREDENTIALS", "CREDENTIAL", "CREDS", "APIKEY", "AUTHTOKEN", "PRIVATEKEY",
	"ACCESSKEY", "SECRETKEY",
}

// securityKeyPairs are two name parts that together say "secret": API_KEY.
var securityKeyPairs = map[string]bool{
	"API": true, "ACCESS": true, "PRIVATE": true, "ENCRYPTION": true, "SIGNING": true,
	"MASTER": true, "LICENSE": true, "CLIENT": true, "DEPLOY": true,
}

// securityNotSecretEnds are last name parts that say the variable names,
// points at or configures a secret instead of holding it.
var securityNotSecretEnds = map[string]bool{
	"FILE": true, "FILES": true, "PATH": true, "DIR": true, "URL": true, "URI": true,
	"HOST": true, "PORT": true, "NAME": true, "USER": true, "USERNAME": true, "ID": true,
	"TYPE": true, "METHOD": true, "MODE": true, "VERSION": true, "ENABLED": true,
	"ENABLE": true, "DISABLED": true, "DISABLE": true, "LENGTH": true, "LEN": true,
	"TTL": true, "TIMEOUT": true, "EXPIRY": true, "EXPIRES": true, "EXPIRATION": true,
	"HEADER": true, "PREFIX": true, "FORMAT": true, "PROVIDER": true, "ENDPOINT": true,
	"REGION": true, "SOCK": true, "SOCKET": true, "LOCATION": true, "KIND": true,
	"ALGORITHM": true, "FIELD": true, "PARAM": true, "ISSUER": true, "AUDIENCE": true,
	"SCOPE": true, "SCOPES": true, "SECONDS": true, "MINUTES": true, "HOURS": true,
	"DAYS": true, "SIZE": true, "COUNT": true, "LIMIT": true, "MAX": true, "MIN": true,
	"RETRIES": true, "INTERVAL": true, "POLICY": true, "STORE": true, "BACKEND": true,
	"HELPER": true, "KEYRING": true, "REF": true,
}

// secretName reports whether a variable's name says it holds a secret:
// DB_PASSWORD, GITHUB_TOKEN, API_KEY, NPM_AUTH. Names ending in _FILE,
// _PATH, _URL, _VERSION and the like, and names with PUBLIC in them, do
// not.
func secretName(name string) bool {
	parts := strings.FieldsFunc(strings.ToUpper(name), func(r rune) bool {
		return r == '_' || r == '-' || r == '.'
	})
	if len(parts) == 0 || securityNotSecretEnds[parts[len(parts)-1]] {
		return false
	}
	for _, part := range parts {
		if part == "PUBLIC" || part == "PUB" {
			return false
		}
	}
	if parts[len(parts)-1] == "AUTH" {
		return true
	}
	for i, part := range parts {
		for _, w := range securitySecretWords {
			if part == w || strings.HasSuffix(part, w) && len(w) >= 6 {
				return true
			}
		}
		if part == "PASS" || part == "PWD" && i > 0 {
			return true
		}
		if part == "KEY" && i > 0 && securityKeyPairs[parts[i-1]] {
			return true
		}
	}
	return false
}

// securityFileExts are endings that make a value a file name.
var securityFileExts = []string{
	".json", ".yaml", ".yml", ".txt", ".pem", ".key", ".crt", ".cer", ".p12", ".pfx",
	".jks", ".env", ".conf", ".cfg", ".ini", ".toml", ".properties", ".xml", ".gpg",
	".asc", ".pub", ".der", ".token", ".secret",
}

var securityVersion = regexp.MustCompile(`^[vV]?[0-9]+(\.[0-9]+)*([-+][0-9A-Za-z.-]+)?$`)

// secretLiteral reports whether a value written for a secret-looking name
// can be a secret: not empty, not a path, file name, version, flag or
// placeholder.
func secretLiteral(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || securityPlaceholder(v) {
		return false
	}
	if strings.HasPrefix(v, "/") || strings.HasPrefix(v, "./") || strings.HasPrefix(v, "../") ||
		strings.HasPrefix(v, "~/") {
		return false
	}
	lower := strings.ToLower(v)
	for _, ext := range securityFileExts {
		if strings.HasSuffix(lower, ext) && !strings.ContainsAny(v, " \t") {
			return false
		}
	}
	if strings.Contains(v, ".") && securityVersion.MatchString(v) ||
		len(v) > 1 && (v[0] == 'v' || v[0] == 'V') && securityVersion.MatchString(v) {
		return false
	}
	switch lower {
	case "true", "false", "yes", "no", "on", "off", "0", "1", "y", "n",
		"enabled", "disabled", "none", "null", "nil", "undefined", "unset":
		return false
	}
	return true
}

// securityPlaceholder reports whether a value says it stands for a real
// one: <token>, {{ .Token }}, xxxx, ****, your_api_key, changeme,
// placeholder, dummy, example.
func securityPlaceholder(v string) bool {
	if strings.HasPrefix(v, "<") && strings.HasSuffix(v, ">") ||
		strings.HasPrefix(v, "{{") && strings.HasSuffix(v, "}}") {
		return true
	}
	if len(v) > 1 && strings.Count(v, v[:1]) == len(v) {
		return true
	}
	lower := strings.ToLower(v)
	for _, w := range []string{"placeholder", "dummy", "example", "changeme", "change_me",
		"change-me", "replace_me", "replaceme", "replace-me", "your_", "your-", "xxxx"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}
