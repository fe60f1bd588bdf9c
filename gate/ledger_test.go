package gate

import (
	"testing"

	gatewaypb "github.com/moby/buildkit/frontend/gateway/pb"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func returning(md map[string][]byte) *gatewaypb.ReturnRequest {
	return &gatewaypb.ReturnRequest{Result: &gatewaypb.Result{Metadata: md}}
}

func TestLedgerReturn(t *testing.T) {
	judged := map[string][]byte{
		"containerimage.config/linux/amd64": []byte(`{"config":{"User":"10001"}}`),
		"refs.platforms":                    []byte(`{"Platforms":[]}`),
		"result.json":                       []byte(`{}`),
	}
	cases := []struct {
		name    string
		build   string
		req     *gatewaypb.ReturnRequest
		verdict Verdict
		reason  string
	}{
		{"as the frontend built it", "b1", returning(judged), Allowed, "as the frontend built it"},
		{"a part of it", "b1", returning(map[string][]byte{"refs.platforms": judged["refs.platforms"]}),
			Allowed, ""},
		{"metadata that does not shape the image", "b1",
			returning(map[string][]byte{"frontend.result": []byte("anything")}), Allowed, ""},
		{"another user", "b1", returning(map[string][]byte{
			"containerimage.config/linux/amd64": []byte(`{"config":{"User":"0"}}`)}),
			Refused, "sets containerimage.config/linux/amd64 to a value no judged solve produced"},
		{"a config for another key", "b1", returning(map[string][]byte{
			"containerimage.config": judged["containerimage.config/linux/amd64"]}),
			Refused, "sets containerimage.config to"},
		{"an error", "b1", &gatewaypb.ReturnRequest{Error: status.New(codes.Unknown, "boom").Proto()},
			Allowed, "returned an error"},
		{"another build", "b2", returning(nil), Refused, "build b2 did not start through this gate"},
		{"no build", "", returning(nil), Refused, "names no build"},
	}
	var l ledger
	done := l.open("b1")
	defer done()
	l.record("b1", judged)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDecision(t, l.judgeReturn(c.build, c.req), c.verdict, c.reason)
		})
	}
}

func TestLedgerForgetsFinishedBuilds(t *testing.T) {
	var l ledger
	first := l.open("b1")
	second := l.open("b1")
	first()
	if !l.known("b1") {
		t.Fatal("forgot a build with a solve still running")
	}
	second()
	if l.known("b1") {
		t.Fatal("still knows a finished build")
	}
	l.record("b1", map[string][]byte{"containerimage.config": []byte("{}")})
	if len(l.builds) != 0 {
		t.Fatal("recorded metadata for a build it does not follow")
	}
}
