// Package frontend is the BuildKit gateway frontend: it reads the
// Dockerfile and build options through dockerui, runs the transform,
// reports its findings as build warnings or a build error, and converts
// and solves the rewritten Dockerfile with BuildKit's own dockerfile2llb.
package frontend
