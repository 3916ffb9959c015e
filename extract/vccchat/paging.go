package vccchat

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

type obj = map[string]json.RawMessage

// listPage is a paged list answer (A.5): {data: [...], page: {pageSize, pageIndex,
// elementCount, pageCount}}.
type listPage struct {
	Data []obj `json:"data"`
	Page *struct {
		PageSize     int `json:"pageSize"`
		PageIndex    int `json:"pageIndex"`
		ElementCount int `json:"elementCount"`
		PageCount    int `json:"pageCount"`
	} `json:"page"`
}

// pages requests page=0,1,… with size=PageSize until page.pageIndex+1 >= page.pageCount (or,
// without a page object, a page shorter than size, or an empty one).
func (s *Source) pages(ctx context.Context, st *Stream, path string, q url.Values, each func(items []obj, req string, resp httpx.Response, number int) error) error {
	for index := 0; ; index++ {
		number := index + 1
		qq := url.Values{}
		for k, v := range q {
			qq[k] = v
		}
		qq.Set("page", strconv.Itoa(index))
		qq.Set("size", strconv.Itoa(s.cfg.PageSize))
		u := s.base + path + "?" + qq.Encode()
		req := "GET " + httpx.Redact(u)
		fail := func(status int, err error) error {
			return &extract.FetchError{Source: s.cfg.Source, Stream: st.name, Page: number, Request: req, Status: status, Err: err}
		}
		if number > s.cfg.MaxPages {
			return fail(0, fmt.Errorf("%w: more than %d pages", extract.ErrTooManyPages, s.cfg.MaxPages))
		}
		if err := ctx.Err(); err != nil {
			return fail(0, err)
		}
		resp, err := s.get(ctx, u)
		if err != nil {
			return fail(resp.Status, err)
		}
		var lp listPage
		if err := json.Unmarshal(resp.Body, &lp); err != nil {
			return fail(resp.Status, fmt.Errorf("%w: %v", ErrBadResponse, err))
		}
		if err := each(lp.Data, req, resp, number); err != nil {
			return fail(resp.Status, err)
		}
		switch {
		case len(lp.Data) == 0:
			return nil
		case lp.Page != nil && lp.Page.PageCount > 0:
			if lp.Page.PageIndex+1 >= lp.Page.PageCount {
				return nil
			}
			if lp.Page.PageIndex != index {
				return fail(resp.Status, fmt.Errorf("%w: asked for page %d, got pageIndex %d", extract.ErrRepeatedPage, index, lp.Page.PageIndex))
			}
		case len(lp.Data) < s.cfg.PageSize:
			return nil
		}
	}
}

// emitRecords hands records of table to the pipeline as one JSON page.
func (s *Source) emitRecords(ctx context.Context, st *Stream, emit extract.Emit, table *schema.Table, entity, req string, resp httpx.Response, number int, recs []obj) error {
	if len(recs) == 0 {
		return nil
	}
	body, err := json.Marshal(recs)
	if err != nil {
		return err
	}
	_, err = emit(ctx, &extract.Page{Source: s.cfg.Source, Stream: st.name, Table: table, Entity: entity, Number: number,
		Request: req, Status: resp.Status, Format: schema.JSON, Body: body, Retries: resp.Retries})
	return err
}

func raw(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

func strOf(m obj, k string) string {
	var s string
	if v, ok := m[k]; ok {
		_ = json.Unmarshal(v, &s)
	}
	return s
}
