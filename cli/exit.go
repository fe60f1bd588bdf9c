package cli

import (
	"errors"
	"fmt"
)

// The exit codes of check and fix.
const (
	// ExitOK: every file was checked and no finding fails a build.
	ExitOK = 0
	// ExitFindings: every file was checked and at least one finding has
	// the outcome error: a build would fail, or fix could not fix it.
	ExitFindings = 1
	// ExitError: the command could not do its work: a usage error, a path
	// that does not exist or holds no Dockerfile, a file that cannot be
	// read, parsed or written, or an image the registry did not answer
	// for. It wins over ExitFindings.
	ExitError = 2
)

// UsageError is an error in how the command was called: an unknown flag,
// a bad flag value or a missing argument.
type UsageError struct {
	Err error
}

func (e *UsageError) Error() string { return e.Err.Error() }

func (e *UsageError) Unwrap() error { return e.Err }

// usagef returns a UsageError with a formatted message.
func usagef(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// IsUsage reports whether err is, or wraps, a UsageError.
func IsUsage(err error) bool {
	var u *UsageError
	return errors.As(err, &u)
}

// ExitCode returns the exit code for a command that returned res and err.
func ExitCode(res *Result, err error) int {
	if err != nil {
		return ExitError
	}
	if res == nil {
		return ExitOK
	}
	for _, f := range res.Files {
		if f.Err != nil {
			return ExitError
		}
	}
	for _, f := range res.Files {
		if len(f.Report.Rejected()) > 0 {
			return ExitFindings
		}
	}
	return ExitOK
}
