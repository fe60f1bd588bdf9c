package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestPolicyLayers checks the policy the CLI judges by: the context's
// .safe-dockerfile.yaml tightens the built-in policy, and may not loosen an
// organisation policy given with --policy.
func TestPolicyLayers(t *testing.T) {
	service := "FROM scratch\nUSER 10001\nEXPOSE 8080\nCMD [\"/server\"]\n"
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"tight/Dockerfile":            service,
		"tight/.safe-dockerfile.yaml": "apiVersion: safe-dockerfile/v1\nkind: Policy\nrules:\n  MissingHealthcheck: error\n",
		"loose/Dockerfile":            service,
		"loose/.safe-dockerfile.yaml": "apiVersion: safe-dockerfile/v1\nkind: Policy\nrules:\n  MissingHealthcheck: off\n",
		"org.yaml":                    "apiVersion: safe-dockerfile/v1\nkind: Policy\nrules:\n  MissingHealthcheck: warn\n",
	})
	check := func(sub, org string) *File {
		t.Helper()
		cfg := Config{Paths: []string{filepath.Join(dir, sub)}, Offline: true, LookupEnv: noGit, Policy: org}
		res, err := Check(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		return res.Files[0]
	}

	tight := check("tight", "")
	if tight.Err != nil || ExitCode(&Result{Files: []*File{tight}}, nil) != ExitFindings {
		t.Errorf("tightened MissingHealthcheck did not fail the check: %v", tight.Err)
	}

	loose := check("loose", filepath.Join(dir, "org.yaml"))
	if loose.Err == nil || !strings.Contains(loose.Err.Error(), "may not loosen MissingHealthcheck") {
		t.Errorf("loosening an organisation rule: %v, want it refused", loose.Err)
	}
}

// TestPathsExceptionWithContext checks that a paths exception matches the
// Dockerfile's path in the --context folder.
func TestPathsExceptionWithContext(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"svc/api/Dockerfile": "FROM scratch\nEXPOSE 22\nUSER 10001\n",
		"org.yaml": "apiVersion: safe-dockerfile/v1\nkind: Policy\nexceptions:\n" +
			"  - rule: ExposeSSH\n    paths: [\"svc/**\"]\n    reason: the bastion, TICKET-9\n",
	})
	cfg := Config{
		Paths:     []string{filepath.Join(dir, "svc/api/Dockerfile")},
		Context:   dir,
		Offline:   true,
		LookupEnv: noGit,
		Policy:    filepath.Join(dir, "org.yaml"),
	}
	res, err := Check(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	f := res.Files[0]
	if f.Err != nil || len(f.Report.Excepted()) != 1 || ExitCode(res, nil) != ExitOK {
		t.Errorf("the paths exception did not apply: err %v, results %+v", f.Err, f.Report.Results)
	}
}
