// Package docs carries the rule pages of docs/rules inside the binary, so
// that the command-line tool can print a rule's page with no checkout of
// the repository at hand.
package docs
