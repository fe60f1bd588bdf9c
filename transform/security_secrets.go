package transform

import (
	"path"
	"strings"
)

// securitySecretNames are file names that hold credentials, by base name.
var securitySecretNames = map[string]string{
	"id_rsa":           "an SSH private key",
	"id_dsa":           "an SSH private key",
	"id_ecdsa":         "an SSH private key",
	"id_ed25519":       "an SSH private key",
	"id_ecdsa_sk":      "an SSH private key",
	"id_ed25519_sk":    "an SSH private key",
	".ssh":             "an SSH directory",
	".gnupg":           "a GnuPG home with private keys",
	".env":             "a .env file",
	".npmrc":           "npm credentials (.npmrc)",
	".pypirc":          "PyPI credentials (.pypirc)",
	".netrc":           "login credentials (.netrc)",
	"_netrc":           "login credentials (_netrc)",
	".git-credentials": "git credentials (.git-credentials)",
	".dockercfg":       "Docker registry credentials (.dockercfg)",
	".aws":             "an AWS credentials directory",
	".kube":            "a kubeconfig directory",
	"kubeconfig":       "a kubeconfig",
}

// securitySecretSuffixes are paths that hold credentials, by how they end.
var securitySecretSuffixes = map[string]string{
	".aws/credentials":    "AWS credentials",
	".docker/config.json": "Docker registry credentials",
	".kube/config":        "a kubeconfig",
}

// securityEnvTemplates are the endings of .env files that are templates,
// meant to be committed and copied.
var securityEnvTemplates = map[string]bool{
	"example": true, "sample": true, "template": true, "dist": true,
	"defaults": true, "tpl": true, "schema": true,
}

// securitySSHPublic are the files of ~/.ssh that hold no secret.
var securitySSHPublic = map[string]bool{
	"authorized_keys": true, "authorized_keys2": true, "known_hosts": true, "config": true,
}

// securityCodeExts are endings of source code and documents, whose names
// may mention secrets without holding one (secrets.go, password_reset.py).
var securityCodeExts = map[string]bool{
	".go": true, ".py": true, ".js": true, ".ts": true, ".tsx": true, ".jsx": true,
	".mjs": true, ".cjs": true, ".rb": true, ".java": true, ".kt": true, ".rs": true,
	".c": true, ".h": true, ".cc": true, ".cpp": true, ".hpp": true, ".cs": true,
	".php": true, ".sh": true, ".bash": true, ".ps1": true, ".swift": true,
	".scala": true, ".ex": true, ".exs": true, ".erb": true, ".html": true,
	".htm": true, ".css": true, ".scss": true, ".vue": true, ".svelte": true,
	".md": true, ".rst": true, ".tmpl": true, ".j2": true,
	".pyc": true, ".class": true, ".jar": true, ".so": true, ".proto": true,
}

// securitySecretFile reports what kind of secret a file path names, by
// name alone. Globs are judged as written (*.key is a key, *.pem is not).
func securitySecretFile(p string) (string, bool) {
	p = strings.TrimRight(p, "/")
	if p == "" || strings.Contains(p, "://") {
		return "", false
	}
	lower := strings.ToLower(p)
	base := path.Base(lower)
	if strings.HasSuffix(base, ".pub") {
		return "", false
	}
	for suffix, kind := range securitySecretSuffixes {
		if lower == suffix || strings.HasSuffix(lower, "/"+suffix) {
			return kind, true
		}
	}
	if kind, ok := securitySecretNames[base]; ok {
		return kind, true
	}
	if kind, ok := securityKeyFile(lower, base); ok {
		return kind, true
	}
	if rest, ok := strings.CutPrefix(base, ".env."); ok && !securityEnvTemplates[rest] {
		return "a .env file", true
	}
	if base == ".env*" || path.Ext(base) == ".env" && !securityTemplateName(base) {
		return "a .env file", true
	}
	for _, word := range []string{"secret", "credential", "password", "passwd"} {
		if strings.Contains(base, word) && !securityCodeExts[path.Ext(base)] && base != "passwd" &&
			!securityTemplateName(base) {
			return "a file whose name says " + word, true
		}
	}
	return "", false
}

// securityTemplateName reports whether a file name says it is an example.
func securityTemplateName(base string) bool {
	for _, w := range []string{"example", "sample", "template"} {
		if strings.Contains(base, w) {
			return true
		}
	}
	return false
}

// securityPublicKeyWords mark a .key file as a public or signing key:
// repositories publish their signing keys as release.key, repo.gpg.key.
var securityPublicKeyWords = []string{
	"pub", "gpg", "pgp", "asc", "release", "archive", "keyring", "signing", "repo",
}

// securityKeyFile judges private key files by name.
func securityKeyFile(lower, base string) (string, bool) {
	dir := path.Dir(lower)
	if (path.Base(dir) == ".ssh" || strings.HasSuffix(dir, "/.ssh")) && !securitySSHPublic[base] {
		return "an SSH private key", true
	}
	if strings.HasPrefix(base, "ssh_host_") && strings.HasSuffix(base, "_key") {
		return "an SSH host key", true
	}
	switch path.Ext(base) {
	case ".key":
		for _, w := range securityPublicKeyWords {
			if strings.Contains(base, w) {
				return "", false
			}
		}
		return "a private key (.key)", true
	case ".pem":
		private := strings.Contains(base, "key") || strings.Contains(base, "priv")
		if private && !strings.Contains(base, "pub") {
			return "a private key (.pem)", true
		}
	case ".p12", ".pfx":
		return "a PKCS#12 bundle with a private key", true
	}
	return "", false
}
