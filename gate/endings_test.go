package gate

import (
	"testing"
	"time"
)

func TestEndingsStopWatchers(t *testing.T) {
	var e endings
	stop, done := e.watch("b1")
	defer done()
	e.end("b1")
	select {
	case <-stop:
	default:
		t.Error("a stream watching a build that was then refused was not stopped")
	}
}

func TestEndingsForget(t *testing.T) {
	var e endings
	_, done := e.watch("quiet")
	done()
	if len(e.refs) != 0 {
		t.Fatal("kept a build that was watched and never refused")
	}

	e.end("old")
	e.refs["old"].refused = time.Now().Add(-2 * keepRefusals)
	e.end("new")
	if _, ok := e.refs["old"]; ok {
		t.Error("kept a refusal past keepRefusals")
	}
	stop, done := e.watch("new")
	defer done()
	select {
	case <-stop:
	default:
		t.Error("a stream watching a refused build was not stopped")
	}
}
