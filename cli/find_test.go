package cli

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestFindDockerfiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"Dockerfile":                  "",
		"Containerfile":               "",
		"Dockerfile.dev":              "",
		"Dockerfile.dockerignore":     "",
		"Dockerfile.orig":             "",
		"api.Dockerfile":              "",
		"README.md":                   "",
		"notes.txt":                   "",
		"sub/deep/Dockerfile":         "",
		".git/Dockerfile":             "",
		"vendor/x/Dockerfile":         "",
		"web/node_modules/Dockerfile": "",
		"other/build.docker":          "",
	})
	named := filepath.Join(dir, "other", "build.docker")
	got, err := findDockerfiles([]string{dir, named, filepath.Join(dir, "Dockerfile")})
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i] = filepath.ToSlash(strings.TrimPrefix(got[i], dir+string(filepath.Separator)))
	}
	want := []string{
		"Containerfile", "Dockerfile", "Dockerfile.dev", "api.Dockerfile", "sub/deep/Dockerfile",
		"other/build.docker",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("found %q\nwant  %q", got, want)
	}
}

func TestFindDockerfilesErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"README.md": "", "vendor/Dockerfile": ""})
	for _, tc := range []struct{ path, want string }{
		{filepath.Join(dir, "nope"), "no such file or folder"},
		{dir, "no Dockerfile found in"},
	} {
		_, err := findDockerfiles([]string{tc.path})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err %v, want %q", tc.path, err, tc.want)
		}
	}
}

func TestIsDockerfileName(t *testing.T) {
	for name, want := range map[string]bool{
		"Dockerfile": true, "Containerfile": true, "Dockerfile.prod": true, "x.Dockerfile": true,
		"Dockerfile.": false, ".Dockerfile": false, "Dockerfile.dockerignore": false,
		"dockerfile": false, "Dockerfile~": false, "Dockerfile.rej": false, "Makefile": false,
	} {
		if got := IsDockerfileName(name); got != want {
			t.Errorf("IsDockerfileName(%q) = %v, want %v", name, got, want)
		}
	}
}
