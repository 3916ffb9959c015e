package dixa

import (
	"context"
	"net/url"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// queuesStream: GET /v1/queues (spec §8.4) → dixa_queues, then GET /v1/queues/{queueId}/members
// for each queue → dixa_queue_members (Entity "queue=<id>", queueId added to each row). The
// open-keyed maps (thresholds, timeouts per channel, usages) stay JSON.
func queuesStream(s *Source) *Stream {
	st := &Stream{src: s, name: "queues", table: schema.DixaQueues, mode: extract.Dimension}
	opaque := set("usages.usages", "queueThresholds", "doNotOfferTimeouts", "preferredAgentTimeouts")
	st.fetch = func(ctx context.Context, _ extract.Window, emit extract.Emit) error {
		var ids []string
		err := s.fetch(ctx, request{stream: st, table: st.table, path: "/v1/queues", opaque: opaque,
			seen: func(rec map[string]any) { ids = append(ids, idString(rec["id"])) }}, emit)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if id == "" {
				continue
			}
			err := s.fetch(ctx, request{stream: st, table: schema.DixaQueueMembers, entity: "queue=" + id,
				path: "/v1/queues/" + url.PathEscape(id) + "/members", add: map[string]any{"queueId": id}}, emit)
			if err != nil {
				return err
			}
		}
		return nil
	}
	return st
}
