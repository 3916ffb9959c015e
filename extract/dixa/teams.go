package dixa

import (
	"context"
	"fmt"
	"net/url"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// teamsStream: GET /v1/teams (spec §8.3) → dixa_teams, then GET /v1/teams/{teamId}/agents for
// each team → dixa_team_members (Entity "team=<id>", teamId added to each row).
func teamsStream(s *Source) *Stream {
	st := &Stream{src: s, name: "teams", table: schema.DixaTeams, mode: extract.Dimension}
	st.fetch = func(ctx context.Context, _ extract.Window, emit extract.Emit) error {
		var ids []string
		err := s.fetch(ctx, request{stream: st, table: st.table, path: "/v1/teams",
			seen: func(rec map[string]any) { ids = append(ids, idString(rec["id"])) }}, emit)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if id == "" {
				continue
			}
			err := s.fetch(ctx, request{stream: st, table: schema.DixaTeamMembers, entity: "team=" + id,
				path: "/v1/teams/" + url.PathEscape(id) + "/agents", add: map[string]any{"teamId": id}}, emit)
			if err != nil {
				return err
			}
		}
		return nil
	}
	return st
}

// idString renders an id value (string or number) as text; "" when absent.
func idString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	default:
		return fmt.Sprint(x)
	}
}
