package gate

import "testing"

func TestFrontendAdmits(t *testing.T) {
	const pin = "sha256:076be268bf637bae263fb105c5c707f41ef22dea4af24b9ea9b60f1753f23864"
	const other = "sha256:87fa97c76ba5bc47beb0bf32d45cfc2bd435a83c028f88edd1a9de41566d3c73"
	cases := []struct {
		name, configured, source string
		ok                       bool
	}{
		{"same tag", "127.0.0.1:5000/safe-dockerfile:dev", "127.0.0.1:5000/safe-dockerfile:dev", true},
		{"other tag", "127.0.0.1:5000/safe-dockerfile:dev", "127.0.0.1:5000/safe-dockerfile:v2", false},
		{"no tag is latest", "127.0.0.1:5000/safe-dockerfile:dev", "127.0.0.1:5000/safe-dockerfile", false},
		{"latest both", "example.org/sdf", "example.org/sdf:latest", true},
		{"other repository", "127.0.0.1:5000/safe-dockerfile:dev", "127.0.0.1:5000/dockerfile:v0.34.2", false},
		{"other registry", "127.0.0.1:5000/safe-dockerfile:dev", "localhost:5000/safe-dockerfile:dev", false},
		{"digest the tag config cannot check", "127.0.0.1:5000/safe-dockerfile:dev",
			"127.0.0.1:5000/safe-dockerfile@" + pin, false},
		{"pinned: same digest", "127.0.0.1:5000/safe-dockerfile@" + pin,
			"127.0.0.1:5000/safe-dockerfile@" + pin, true},
		{"pinned: tag only", "127.0.0.1:5000/safe-dockerfile:dev@" + pin,
			"127.0.0.1:5000/safe-dockerfile:dev", true},
		{"pinned: other digest", "127.0.0.1:5000/safe-dockerfile:dev@" + pin,
			"127.0.0.1:5000/safe-dockerfile:dev@" + other, false},
		{"docker hub short name", "docker.io/safedockerfile/frontend:1", "safedockerfile/frontend:1", true},
		{"empty", "127.0.0.1:5000/safe-dockerfile:dev", "", false},
		{"not a reference", "127.0.0.1:5000/safe-dockerfile:dev", "UPPER/case", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := ParseFrontend(c.configured)
			if err != nil {
				t.Fatal(err)
			}
			err = f.admits(c.source)
			if (err == nil) != c.ok {
				t.Errorf("admits(%q) = %v, want ok=%v", c.source, err, c.ok)
			}
		})
	}
}

func TestParseFrontendRejectsNonsense(t *testing.T) {
	if _, err := ParseFrontend("not a reference"); err == nil {
		t.Fatal("ParseFrontend accepted a reference with spaces")
	}
}

func TestFrontendString(t *testing.T) {
	f, err := ParseFrontend("safedockerfile/frontend:1")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.String(), "docker.io/safedockerfile/frontend:1"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
