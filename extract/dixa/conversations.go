package dixa

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

// conversationsStream: the organisation's activity log is the change feed (spec §7.3, §11).
// GET /v1/conversations/activitylog?fromDatetime&toDatetime&pageLimit&pageKey → dixa_activity_log;
// every conversation with an entry in the window is then fetched whole, at most
// Config.Concurrency at a time (Entity "conversation=<id>"):
//
//	GET /v1/conversations/{id}           → dixa_conversations (any of the 11 variants)
//	GET /v1/conversations/{id}/messages  → dixa_messages
//	GET /v1/conversations/{id}/notes     → dixa_notes
//	GET /v1/conversations/{id}/rating    → dixa_ratings
//	GET /v1/conversations/{id}/tags      → dixa_conversation_tags
//
// A conversation that changes after it was loaded shows up in a later window's activity log and
// is loaded again with a higher _version: FINAL and the views show its latest state. Pages reach
// emit one at a time; the first failure cancels the other conversations and is returned.
func conversationsStream(s *Source) *Stream {
	st := &Stream{src: s, name: "conversations", table: schema.DixaActivityLog, mode: extract.Incremental}
	st.fetch = func(ctx context.Context, w extract.Window, emit extract.Emit) error {
		var ids []json.Number
		seen := map[string]bool{}
		q := url.Values{"fromDatetime": {w.From.UTC().Format(time.RFC3339)}, "toDatetime": {w.To.UTC().Format(time.RFC3339)}}
		err := s.fetch(ctx, request{stream: st, table: st.table, path: "/v1/conversations/activitylog", query: q,
			paged: true, window: w, opaque: set("activityType"),
			seen: func(rec map[string]any) {
				mergeAssignedAgent(rec)
				id := idString(rec["conversationId"])
				if id != "" && !seen[id] {
					seen[id] = true
					ids = append(ids, json.Number(id))
				}
			}}, emit)
		if err != nil {
			return err
		}
		var mu sync.Mutex
		serial := func(ctx context.Context, p *extract.Page) (int, error) {
			mu.Lock()
			defer mu.Unlock()
			return emit(ctx, p)
		}
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(s.cfg.Concurrency)
		for _, id := range ids {
			if gctx.Err() != nil {
				break
			}
			g.Go(func() error { return s.conversation(gctx, st, w, id, serial) })
		}
		return g.Wait()
	}
	return st
}

// conversation fetches one conversation and its children. A conversation the API no longer has
// (404 on GET /v1/conversations/{id}, e.g. deleted after its activity was logged) is skipped
// with a warning: its activity-log rows are loaded, and failing the window would block the
// stream for good.
func (s *Source) conversation(ctx context.Context, st *Stream, w extract.Window, id json.Number, emit extract.Emit) error {
	base := "/v1/conversations/" + url.PathEscape(id.String())
	add := map[string]any{"conversationId": id}
	for _, r := range []request{
		{table: schema.DixaConversations, path: base},
		{table: schema.DixaMessages, path: base + "/messages", add: add},
		{table: schema.DixaNotes, path: base + "/notes"},
		{table: schema.DixaRatings, path: base + "/rating", add: add, opaque: set("timestamps")},
		{table: schema.DixaConversationTags, path: base + "/tags", add: add},
	} {
		r.stream, r.window, r.entity = st, w, "conversation="+id.String()
		if err := s.fetch(ctx, r, emit); err != nil {
			var se *httpx.StatusError
			if r.table == schema.DixaConversations && errors.As(err, &se) && se.Status == http.StatusNotFound {
				s.log.Warn().Str(extract.LogStream, st.name).Str(extract.LogWindow, w.String()).Str(extract.LogEntity, r.entity).
					Msg("conversation in the activity log is gone (404); skipped")
				return nil
			}
			return err
		}
	}
	return nil
}

// mergeAssignedAgent moves ConversationAssignedAttribute's agentId and agentName to agent.id
// and agent.name, where the other variants carry their agent: both paths have the same
// snake_case column name (attributes_agent_id), so they share the column.
func mergeAssignedAgent(rec map[string]any) {
	attrs, ok := rec["attributes"].(map[string]any)
	if !ok {
		return
	}
	if _, has := attrs["agent"]; has {
		return
	}
	agent := map[string]any{}
	for from, to := range map[string]string{"agentId": "id", "agentName": "name"} {
		if v, ok := attrs[from]; ok {
			agent[to] = v
			delete(attrs, from)
		}
	}
	if len(agent) > 0 {
		attrs["agent"] = agent
	}
}
