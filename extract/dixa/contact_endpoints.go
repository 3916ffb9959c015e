package dixa

import (
	"context"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// contactEndpointsStream: GET /v1/contact-endpoints (spec §8.7), email addresses and phone
// numbers of every type (no _type filter).
func contactEndpointsStream(s *Source) *Stream {
	st := &Stream{src: s, name: "contact_endpoints", table: schema.DixaContactEndpoints, mode: extract.Dimension}
	st.fetch = func(ctx context.Context, _ extract.Window, emit extract.Emit) error {
		return s.fetch(ctx, request{stream: st, table: st.table, path: "/v1/contact-endpoints"}, emit)
	}
	return st
}
