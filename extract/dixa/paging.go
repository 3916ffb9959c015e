package dixa

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

// request says what to fetch: one path of one stream, one entity, one window.
type request struct {
	stream *Stream
	table  *schema.Table
	path   string     // below the base URL, e.g. /v1/agents
	query  url.Values // fixed query parameters; pageLimit/pageKey are added when paged
	paged  bool
	post   []byte // when set, POST this body (every page re-posts it)
	entity string
	window extract.Window
	// reshape turns the response's data into flat records; default flatRecords(data, opaque, add).
	reshape func(data json.RawMessage) ([]map[string]any, error)
	opaque  map[string]bool
	add     map[string]any
	// seen, when set, is called with every record before it is flattened (e.g. to collect ids).
	seen func(rec map[string]any)
}

// fetch requests the pages of r in order and hands each, reshaped, to emit. It follows meta.next
// (its pageKey) or a top-level pageKey until neither is present; unpaged requests fetch once.
// Failures are *extract.FetchError.
func (s *Source) fetch(ctx context.Context, r request, emit extract.Emit) error {
	log := s.log.With().Str(extract.LogStream, r.stream.name).Str(extract.LogEntity, r.entity).
		Str(extract.LogWindow, r.window.String()).Logger()
	pageKey := ""
	seenKeys := map[string]bool{}
	for number := 1; ; number++ {
		u := s.url(r, pageKey)
		method := "GET"
		if r.post != nil {
			method = "POST"
		}
		reqText := method + " " + httpx.Redact(u)
		fail := func(status int, err error) error {
			return &extract.FetchError{Source: s.cfg.Source, Stream: r.stream.name, Entity: r.entity,
				Window: r.window, Page: number, Request: reqText, Status: status, Err: err}
		}
		if number > s.cfg.MaxPages {
			return fail(0, fmt.Errorf("%w: more than %d pages", extract.ErrTooManyPages, s.cfg.MaxPages))
		}
		if err := ctx.Err(); err != nil {
			return fail(0, err)
		}
		var resp httpx.Response
		var err error
		if r.post != nil {
			h := s.header.Clone()
			h.Set("Content-Type", "application/json")
			resp, err = s.client.Post(ctx, u, h, r.post)
		} else {
			resp, err = s.client.Get(ctx, u, s.header)
		}
		if err != nil {
			return fail(resp.Status, explain(err))
		}
		page := &extract.Page{Source: s.cfg.Source, Stream: r.stream.name, Table: r.table, Entity: r.entity,
			Number: number, Request: reqText, Status: resp.Status, Format: schema.JSON, Retries: resp.Retries}
		var env envelope
		if err := decodeJSON(resp.Body, &env); err != nil {
			// Not JSON (or not an object): hand over the vendor's bytes so that the decoder
			// rejects them and the quarantine keeps them as they came.
			page.Body = resp.Body
			if _, eerr := emit(ctx, page); eerr != nil {
				return fail(resp.Status, eerr)
			}
			return fail(resp.Status, fmt.Errorf("%w: %v", ErrShape, err))
		}
		var recs []map[string]any
		if r.reshape != nil {
			recs, err = r.reshape(env.Data)
		} else {
			recs, err = s.flat(env.Data, r)
		}
		if err != nil {
			return fail(resp.Status, err)
		}
		if page.Body, err = pageBody(recs); err != nil {
			return fail(resp.Status, err)
		}
		n, err := emit(ctx, page)
		if err != nil {
			return fail(resp.Status, err)
		}
		log.Debug().Int(extract.LogPage, number).Int(extract.LogRows, n).Int(extract.LogRetries, resp.Retries).Msg("page")
		if !r.paged {
			return nil
		}
		next, err := nextKey(env)
		if err != nil {
			return fail(resp.Status, err)
		}
		if next == "" {
			return nil
		}
		if seenKeys[next] {
			return fail(resp.Status, fmt.Errorf("%w: pageKey repeats", extract.ErrRepeatedPage))
		}
		seenKeys[next] = true
		pageKey = next
	}
}

func (s *Source) flat(data json.RawMessage, r request) ([]map[string]any, error) {
	if r.seen == nil {
		return flatRecords(data, r.opaque, r.add)
	}
	recs, err := records(data)
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, 0, len(recs))
	for _, rec := range recs {
		r.seen(rec)
		f := map[string]any{}
		flatten("", rec, r.opaque, f)
		for k, v := range r.add {
			f[k] = v
		}
		out = append(out, f)
	}
	return out, nil
}

// nextKey is the pageKey of the next page: from meta.next's query, else the top-level pageKey.
func nextKey(env envelope) (string, error) {
	if n := env.next(); n != "" {
		u, err := url.Parse(n)
		if err != nil {
			return "", fmt.Errorf("%w: meta.next %q is not a URL", ErrShape, httpx.Redact(n))
		}
		if k := u.Query().Get("pageKey"); k != "" {
			return k, nil
		}
		return "", fmt.Errorf("%w: meta.next %q carries no pageKey", ErrShape, httpx.Redact(n))
	}
	return env.PageKey, nil
}

// url is the request URL of one page.
func (s *Source) url(r request, pageKey string) string {
	q := url.Values{}
	for k, v := range r.query {
		q[k] = v
	}
	if r.paged {
		q.Set("pageLimit", strconv.Itoa(s.cfg.PageLimit))
		if pageKey != "" {
			q.Set("pageKey", pageKey)
		}
	}
	u := s.base + r.path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}
