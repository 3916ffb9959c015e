package dixa

import (
	"context"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// agentsStream: GET /v1/agents?pageLimit&pageKey (spec §5 Agents, §8.1), every agent and admin.
func agentsStream(s *Source) *Stream {
	st := &Stream{src: s, name: "agents", table: schema.DixaAgents, mode: extract.Dimension}
	st.fetch = func(ctx context.Context, _ extract.Window, emit extract.Emit) error {
		return s.fetch(ctx, request{stream: st, table: st.table, path: "/v1/agents", paged: true}, emit)
	}
	return st
}
