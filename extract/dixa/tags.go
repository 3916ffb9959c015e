package dixa

import (
	"context"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// tagsStream: GET /v1/tags (spec §5 Tags, §7.6), every tag, one unpaged response.
func tagsStream(s *Source) *Stream {
	st := &Stream{src: s, name: "tags", table: schema.DixaTags, mode: extract.Dimension}
	st.fetch = func(ctx context.Context, _ extract.Window, emit extract.Emit) error {
		return s.fetch(ctx, request{stream: st, table: st.table, path: "/v1/tags"}, emit)
	}
	return st
}
