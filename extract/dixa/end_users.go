package dixa

import (
	"context"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// endUsersStream: GET /v1/endusers?pageLimit&pageKey (spec §5 End users, §8.5), every contact.
func endUsersStream(s *Source) *Stream {
	st := &Stream{src: s, name: "end_users", table: schema.DixaEndUsers, mode: extract.Dimension}
	st.fetch = func(ctx context.Context, _ extract.Window, emit extract.Emit) error {
		return s.fetch(ctx, request{stream: st, table: st.table, path: "/v1/endusers", paged: true}, emit)
	}
	return st
}
