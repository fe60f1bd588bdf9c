// Package transform checks a Dockerfile against the safe-dockerfile rules
// and rewrites what the rules can make safe on their own.
//
// It is pure: it reads a Dockerfile and asks a Resolver about images, and it
// never talks to BuildKit itself. The frontend and the command-line tool
// both drive it, so they give the same findings for the same input.
//
// Every rewrite is a set of edits inside single lines. Lines are never added
// or removed, so BuildKit's own errors and warnings keep pointing at the
// user's lines, and running the transform on its own output changes nothing.
package transform
