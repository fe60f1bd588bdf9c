package transform

import (
	"mvdan.cc/sh/v3/syntax"
)

// execFile turns an exec-form argument list into a one-command shell file,
// so that exec-form and shell-form RUNs are read by the same code.
func execFile(argv []string) *syntax.File {
	call := &syntax.CallExpr{}
	for _, a := range argv {
		call.Args = append(call.Args, &syntax.Word{
			Parts: []syntax.WordPart{&syntax.SglQuoted{Value: a}},
		})
	}
	return &syntax.File{Stmts: []*syntax.Stmt{{Cmd: call}}}
}
