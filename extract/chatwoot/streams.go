package chatwoot

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

func (s *Source) fail(st *Stream, w extract.Window, entity string, page int, req string, status int, err error) error {
	return &extract.FetchError{Source: s.cfg.Source, Stream: st.name, Entity: entity, Window: w, Page: max(page, 1),
		Request: req, Status: status, Err: err}
}

func (s *Source) emit(ctx context.Context, st *Stream, emit extract.Emit, table *schema.Table, entity string, page int, req string, resp httpx.Response, recs []obj) error {
	if len(recs) == 0 {
		return nil
	}
	body, err := json.Marshal(recs)
	if err != nil {
		return err
	}
	_, err = emit(ctx, &extract.Page{Source: s.cfg.Source, Stream: st.name, Table: table, Entity: entity, Number: page,
		Request: req, Status: resp.Status, Format: schema.JSON, Body: body, Retries: resp.Retries})
	return err
}

// pages requests path?…&page=1,2,… until a page holds no records.
func (s *Source) pages(ctx context.Context, st *Stream, w extract.Window, entity, path string, q url.Values, each func(items []obj, page int, req string, resp httpx.Response) error) error {
	var prev string
	for page := 1; ; page++ {
		qq := url.Values{}
		for k, v := range q {
			qq[k] = v
		}
		qq.Set("page", strconv.Itoa(page))
		u := s.base + path + "?" + qq.Encode()
		req := "GET " + httpx.Redact(u)
		if page > s.cfg.MaxPages {
			return s.fail(st, w, entity, page, req, 0, fmt.Errorf("%w: more than %d pages", extract.ErrTooManyPages, s.cfg.MaxPages))
		}
		if err := ctx.Err(); err != nil {
			return s.fail(st, w, entity, page, req, 0, err)
		}
		resp, err := s.get(ctx, u)
		if err != nil {
			return s.fail(st, w, entity, page, req, resp.Status, err)
		}
		items, err := ParseList(resp.Body)
		if err != nil {
			return s.fail(st, w, entity, page, req, resp.Status, err)
		}
		if len(items) == 0 {
			return nil
		}
		if page > 1 && string(resp.Body) == prev {
			return s.fail(st, w, entity, page, req, resp.Status, fmt.Errorf("%w: the server seems to ignore page=%d", extract.ErrRepeatedPage, page))
		}
		prev = string(resp.Body)
		if err := each(items, page, req, resp); err != nil {
			return s.fail(st, w, entity, page, req, resp.Status, err)
		}
	}
}

// simpleStream: one unpaged GET of a list (inboxes, teams, agents).
func simpleStream(s *Source, name, path string, table *schema.Table) *Stream {
	st := &Stream{src: s, name: name, table: table, mode: extract.Dimension}
	st.fetch = func(ctx context.Context, w extract.Window, emit extract.Emit) error {
		u := s.base + path
		req := "GET " + httpx.Redact(u)
		resp, err := s.get(ctx, u)
		if err != nil {
			return s.fail(st, w, "", 1, req, resp.Status, err)
		}
		items, err := ParseList(resp.Body)
		if err != nil {
			return s.fail(st, w, "", 1, req, resp.Status, err)
		}
		if err := s.emit(ctx, st, emit, table, "", 1, req, resp, items); err != nil {
			return s.fail(st, w, "", 1, req, resp.Status, err)
		}
		return nil
	}
	return st
}

// contactsStream: GET …/contacts?page=1,2,… (15 per page) until an empty page.
func contactsStream(s *Source) *Stream {
	st := &Stream{src: s, name: "contacts", table: schema.ChatwootContacts, mode: extract.Dimension}
	st.fetch = func(ctx context.Context, w extract.Window, emit extract.Emit) error {
		return s.pages(ctx, st, w, "", "/contacts", nil, func(items []obj, page int, req string, resp httpx.Response) error {
			return s.emit(ctx, st, emit, st.table, "", page, req, resp, items)
		})
	}
	return st
}

// conversationsStream lists every configured status (the API defaults to open only) page by page
// until an empty page, and loads the conversations active in the window or not yet resolved,
// each with its messages.
func conversationsStream(s *Source) *Stream {
	st := &Stream{src: s, name: "conversations", table: schema.ChatwootConversations, mode: extract.Incremental}
	st.fetch = func(ctx context.Context, w extract.Window, emit extract.Emit) error {
		seen := map[string]bool{}
		for _, status := range s.cfg.Statuses {
			q := url.Values{"status": {status}, "assignee_type": {"all"}}
			err := s.pages(ctx, st, w, "status="+status, "/conversations", q, func(items []obj, page int, req string, resp httpx.Response) error {
				var keep []obj
				for _, it := range items {
					c := FlattenConversation(it)
					id := string(c["id"])
					var cst string
					_ = json.Unmarshal(c["status"], &cst)
					at := activity(c)
					inWindow := !at.Before(w.From) && at.Before(w.To)
					if seen[id] || (!inWindow && cst == "resolved") {
						continue
					}
					seen[id] = true
					keep = append(keep, c)
				}
				for _, c := range keep {
					n, err := s.messages(ctx, st, w, emit, c["id"])
					if err != nil {
						return err
					}
					c["messageCount"] = raw(n)
				}
				return s.emit(ctx, st, emit, schema.ChatwootConversations, "status="+status, page, req, resp, keep)
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	return st
}

// messages loads a conversation's messages: a bare array (seed) or {meta, payload} paged
// backwards with before=<smallest id> (newer servers) until a page adds nothing.
func (s *Source) messages(ctx context.Context, st *Stream, w extract.Window, emit extract.Emit, idRaw json.RawMessage) (int, error) {
	id := string(idRaw)
	entity := "conversation=" + id
	total := 0
	var before int64
	for page := 1; ; page++ {
		u := s.base + "/conversations/" + url.PathEscape(id) + "/messages"
		if before > 0 {
			u += "?before=" + strconv.FormatInt(before, 10)
		}
		req := "GET " + httpx.Redact(u)
		if page > s.cfg.MaxPages {
			return total, s.fail(st, w, entity, page, req, 0, fmt.Errorf("%w: more than %d pages", extract.ErrTooManyPages, s.cfg.MaxPages))
		}
		resp, err := s.get(ctx, u)
		if err != nil {
			return total, s.fail(st, w, entity, page, req, resp.Status, err)
		}
		items, err := ParseList(resp.Body)
		if err != nil {
			return total, s.fail(st, w, entity, page, req, resp.Status, err)
		}
		min := before
		var recs []obj
		for _, m := range items {
			var mid int64
			_ = json.Unmarshal(m["id"], &mid)
			if before > 0 && mid >= before {
				continue // a server ignoring before=
			}
			if _, ok := m["conversation_id"]; !ok {
				m["conversation_id"] = idRaw
			}
			recs = append(recs, FlattenMessage(m))
			if min == 0 || mid < min {
				min = mid
			}
		}
		if err := s.emit(ctx, st, emit, schema.ChatwootMessages, entity, page, req, resp, recs); err != nil {
			return total, s.fail(st, w, entity, page, req, resp.Status, err)
		}
		total += len(recs)
		// A bare array is the whole list (seed); a payload page continues backwards.
		if len(recs) == 0 || bytesHasPrefixArray(resp.Body) || min <= 0 {
			return total, nil
		}
		before = min
	}
}

func bytesHasPrefixArray(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\n', '\r', '\t':
			continue
		case '[':
			return true
		}
		return false
	}
	return false
}
