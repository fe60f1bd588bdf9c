package gate

import (
	"fmt"

	"google.golang.org/protobuf/proto"
)

// unknownFields refuses a request that carries fields this gate's copy of
// the BuildKit API does not know. A newer client or daemon may have added
// a way to pick what builds the image; a gate that cannot see it fails
// closed. Build the gate against the daemon's BuildKit version or newer.
func unknownFields(msg proto.Message) []string {
	if len(msg.ProtoReflect().GetUnknown()) == 0 {
		return nil
	}
	return []string{fmt.Sprintf("the %s carries fields this gate does not know; "+
		"the gate must be built against the daemon's BuildKit version or newer",
		msg.ProtoReflect().Descriptor().FullName())}
}
