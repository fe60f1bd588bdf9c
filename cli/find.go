package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// skipDirs are folders never searched: version control and vendored or
// installed dependencies, whose Dockerfiles are not the project's own.
var skipDirs = map[string]bool{
	".git":         true,
	"vendor":       true,
	"node_modules": true,
}

// IsDockerfileName reports whether a folder search picks up a file of
// this name: Dockerfile, Containerfile, NAME.Dockerfile and
// Dockerfile.NAME, but not the Dockerfile-specific Dockerfile.dockerignore
// nor the .orig and .rej files that patch leaves.
func IsDockerfileName(name string) bool {
	for _, suffix := range []string{".dockerignore", ".orig", ".rej", "~"} {
		if strings.HasSuffix(name, suffix) {
			return false
		}
	}
	switch {
	case name == "Dockerfile", name == "Containerfile":
		return true
	case strings.HasPrefix(name, "Dockerfile.") && len(name) > len("Dockerfile."):
		return true
	case strings.HasSuffix(name, ".Dockerfile") && len(name) > len(".Dockerfile"):
		return true
	}
	return false
}

// findDockerfiles expands paths into Dockerfiles. A file is taken as it
// is, whatever its name; a folder is searched recursively. The result is
// in the order given, each folder's files in lexical order, without
// repeats.
func findDockerfiles(paths []string) ([]string, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		key, err := filepath.Abs(p)
		if err != nil {
			key = p
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}

	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, pathError(p, err)
		}
		if !fi.IsDir() {
			add(p)
			continue
		}
		found, err := searchDir(p)
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("no Dockerfile found in %s", p)
		}
		for _, f := range found {
			add(f)
		}
	}
	return out, nil
}

func searchDir(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		if IsDockerfileName(d.Name()) && isFile(p, d) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("search %s: %w", root, err)
	}
	return out, nil
}

// isFile reports whether p is a regular file or a link to one.
func isFile(p string, d fs.DirEntry) bool {
	if d.Type().IsRegular() {
		return true
	}
	if d.Type()&fs.ModeSymlink == 0 {
		return false
	}
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

func pathError(p string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: no such file or folder", p)
	}
	return fmt.Errorf("%s: %w", p, err)
}
