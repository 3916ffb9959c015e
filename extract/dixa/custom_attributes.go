package dixa

import (
	"context"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// customAttributesStream: GET /v1/custom-attributes (spec §8.6), every custom-attribute
// definition; the Select options (recursive) stay JSON.
func customAttributesStream(s *Source) *Stream {
	st := &Stream{src: s, name: "custom_attributes", table: schema.DixaCustomAttributes, mode: extract.Dimension}
	st.fetch = func(ctx context.Context, _ extract.Window, emit extract.Emit) error {
		return s.fetch(ctx, request{stream: st, table: st.table, path: "/v1/custom-attributes"}, emit)
	}
	return st
}
