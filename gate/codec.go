package gate

import (
	"github.com/pkg/errors"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/mem"
)

// frames is the gRPC codec of the gate's two connections: it moves each
// message as the bytes that came, without decoding it, so calls the gate
// does not judge reach buildkitd exactly as the client sent them. The
// calls it judges it decodes itself. Its name is the one protobuf uses on
// the wire, so neither side sees a different content type.
type frames struct{}

var _ encoding.CodecV2 = frames{}

func (frames) Marshal(v any) (mem.BufferSlice, error) {
	b, ok := v.(*[]byte)
	if !ok {
		return nil, errors.Errorf("gate codec: marshal %T, want *[]byte", v)
	}
	return mem.BufferSlice{mem.SliceBuffer(*b)}, nil
}

func (frames) Unmarshal(data mem.BufferSlice, v any) error {
	b, ok := v.(*[]byte)
	if !ok {
		return errors.Errorf("gate codec: unmarshal into %T, want *[]byte", v)
	}
	*b = data.Materialize()
	return nil
}

func (frames) Name() string { return "proto" }
