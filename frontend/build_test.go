package frontend

import (
	"context"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/gateway/client"
)

// panicky is a gateway client whose every method panics, as a nil
// interface embedded in it does.
type panicky struct{ client.Client }

func TestBuildTurnsPanicsIntoErrors(t *testing.T) {
	res, err := Build(context.Background(), panicky{})
	if res != nil || err == nil {
		t.Fatalf("Build = %v, %v; want an error", res, err)
	}
	if !strings.Contains(err.Error(), "safe-dockerfile: internal error") {
		t.Errorf("error %q does not say it is an internal error", err)
	}
}
