package cpaas

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

// obj is one vendor JSON object with its values kept as raw JSON (numbers stay exact).
type obj = map[string]json.RawMessage

// MaxPages bounds limit/offset paging of one list (guards against a server ignoring offset).
const MaxPages = 100000

// call is one request of a stream, for errors.
type call struct {
	st     *Stream
	entity string
	window extract.Window
	page   int
}

func (s *Source) fail(c call, req string, status int, err error) error {
	return &extract.FetchError{Source: s.cfg.Source, Stream: c.st.name, Entity: c.entity, Window: c.window,
		Page: max(c.page, 1), Request: req, Status: status, Err: err}
}

// get fetches u; the error is already a FetchError.
func (s *Source) get(ctx context.Context, c call, u string) (httpx.Response, error) {
	resp, err := s.client.Get(ctx, u, s.header)
	if err != nil {
		return resp, s.fail(c, "GET "+httpx.Redact(u), resp.Status, explain(err))
	}
	return resp, nil
}

// decodeList reads a list body: a bare array of objects (documented), a single object (the
// errors example, §5.4), or an object wrapping the array under any key.
func decodeList(body []byte) ([]obj, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || string(body) == "null" {
		return nil, nil
	}
	var arr []obj
	if body[0] == '[' {
		if err := json.Unmarshal(body, &arr); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadResponse, err)
		}
		return arr, nil
	}
	var one obj
	if err := json.Unmarshal(body, &one); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadResponse, err)
	}
	if len(one) == 1 {
		for _, v := range one {
			if bytes.HasPrefix(bytes.TrimSpace(v), []byte("[")) {
				if err := json.Unmarshal(v, &arr); err == nil {
					return arr, nil
				}
			}
		}
	}
	return []obj{one}, nil
}

// pageList pages a limit/offset list (§5.1): limit=PageSize, offset counting items, until a page
// holds fewer than limit items. each receives every page's items.
func (s *Source) pageList(ctx context.Context, c call, base string, q url.Values, each func(items []obj, req string, resp httpx.Response) error) error {
	var prev [sha256.Size]byte
	for offset, page := 0, 1; ; page++ {
		c.page = page
		if page > MaxPages {
			return s.fail(c, "", 0, fmt.Errorf("%w: more than %d pages", extract.ErrTooManyPages, MaxPages))
		}
		if err := ctx.Err(); err != nil {
			return s.fail(c, "", 0, err)
		}
		qq := url.Values{}
		for k, v := range q {
			qq[k] = v
		}
		qq.Set("limit", strconv.Itoa(s.cfg.PageSize))
		qq.Set("offset", strconv.Itoa(offset))
		u := base + "?" + qq.Encode()
		resp, err := s.get(ctx, c, u)
		if err != nil {
			return err
		}
		items, err := decodeList(resp.Body)
		if err != nil {
			return s.fail(c, "GET "+httpx.Redact(u), resp.Status, err)
		}
		sum := sha256.Sum256(resp.Body)
		if page > 1 && len(items) > 0 && sum == prev {
			return s.fail(c, "GET "+httpx.Redact(u), resp.Status, fmt.Errorf("%w: the server seems to ignore offset=%d", extract.ErrRepeatedPage, offset))
		}
		prev = sum
		if err := each(items, "GET "+httpx.Redact(u), resp); err != nil {
			return err
		}
		if len(items) < s.cfg.PageSize {
			return nil
		}
		offset += len(items)
	}
}

// emitRecords hands flattened records to the pipeline as one JSON page of table.
func (s *Source) emitRecords(ctx context.Context, c call, emit extract.Emit, table *schema.Table, req string, resp httpx.Response, recs []obj) error {
	if len(recs) == 0 {
		return nil
	}
	body, err := json.Marshal(recs)
	if err != nil {
		return s.fail(c, req, resp.Status, err)
	}
	if _, err := emit(ctx, &extract.Page{Source: s.cfg.Source, Stream: c.st.name, Table: table, Entity: c.entity,
		Number: max(c.page, 1), Request: req, Status: resp.Status, Format: schema.JSON, Body: body, Retries: resp.Retries}); err != nil {
		return s.fail(c, req, resp.Status, err)
	}
	return nil
}

func raw(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// str reads a JSON string value ("" when absent or not a string).
func strOf(m obj, k string) string {
	var s string
	if v, ok := m[k]; ok {
		_ = json.Unmarshal(v, &s)
	}
	return s
}

// intOf reads a JSON number or numeric string (0 when absent).
func intOf(m obj, k string) int64 {
	v, ok := m[k]
	if !ok {
		return 0
	}
	var n json.Number
	if json.Unmarshal(v, &n) == nil {
		i, _ := n.Int64()
		return i
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		i, _ := strconv.ParseInt(s, 10, 64)
		return i
	}
	return 0
}

// okStatus is used where a vendor error body means "nothing to load".
var _ = http.StatusOK
