package vcc

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

// pageSpec says what to page through: one stream, one entity, one window.
type pageSpec struct {
	stream *Stream
	path   string         // below /api/stats, path-escaped, without format suffix
	entity string         // fan-out entity ("group=122"), "" when none
	window extract.Window // zero: a dimension, no d=
	// single: the endpoint takes no query parameters (skills, §2.3 #24–25): one page, no n=.
	single bool
	// tag, when set, adds ccwh's fields to every record of a page (entity.go); newTag makes one
	// per page (real-time snapshots: the time of the request).
	tag    *entityTag
	newTag func() *entityTag
	// api is the API root, "/api/stats" when empty ("/api/rtstats/stats", "/api/recordings").
	api string
	// format overrides the source's format (APIs without CSV).
	format schema.Format
}

// pages requests the pages of spec in order and hands each to emit, until a page holds fewer
// than PageSize records. It fails with an *extract.FetchError when a request fails, emit fails,
// the server sends the same body twice in a row (a server ignoring n= would page forever), or
// more than MaxPages pages come.
func (s *Source) pages(ctx context.Context, spec pageSpec, emit extract.Emit) error {
	log := s.log.With().Str(extract.LogStream, spec.stream.name).Str(extract.LogEntity, spec.entity).
		Str(extract.LogWindow, spec.window.String()).Logger()
	var prev [sha256.Size]byte
	rows := 0
	for number := 1; ; number++ {
		offset := 1 + (number-1)*s.cfg.PageSize
		format := s.cfg.Format
		if spec.format != "" {
			format = spec.format
		}
		api := spec.api
		if api == "" {
			api = "/api/stats"
		}
		u := s.url(api, spec.path, format, spec.window, offset)
		fail := func(status int, err error) error {
			return &extract.FetchError{Source: s.cfg.Source, Stream: spec.stream.name, Entity: spec.entity,
				Window: spec.window, Page: number, Offset: offset, Request: "GET " + httpx.Redact(u), Status: status, Err: err}
		}
		if number > s.cfg.MaxPages {
			return fail(0, fmt.Errorf("%w: more than %d pages of %d records", extract.ErrTooManyPages, s.cfg.MaxPages, s.cfg.PageSize))
		}
		if err := ctx.Err(); err != nil {
			return fail(0, err)
		}
		resp, err := s.client.Get(ctx, u, s.header)
		if err != nil {
			return fail(resp.Status, s.explain(err))
		}
		body := resp.Body
		sum := sha256.Sum256(body)
		if number > 1 && sum == prev {
			return fail(resp.Status, fmt.Errorf("%w: the server seems to ignore n=%d", extract.ErrRepeatedPage, offset))
		}
		prev = sum
		tag := spec.tag
		if spec.newTag != nil {
			tag = spec.newTag()
		}
		if tag != nil {
			if body, err = tag.apply(format, spec.stream.table, body); err != nil {
				return fail(resp.Status, fmt.Errorf("add entity fields: %w", err))
			}
		}
		n, err := emit(ctx, &extract.Page{
			Source: s.cfg.Source, Stream: spec.stream.name, Table: spec.stream.table, Entity: spec.entity,
			Number: number, Offset: offset, Request: "GET " + httpx.Redact(u), Status: resp.Status,
			Format: format, Body: body, Retries: resp.Retries,
		})
		if err != nil {
			return fail(resp.Status, err)
		}
		rows += n
		log.Debug().Int(extract.LogPage, number).Int(extract.LogRows, n).Int(extract.LogRetries, resp.Retries).Msg("page")
		if n < s.cfg.PageSize || spec.single {
			log.Debug().Int("pages", number).Int(extract.LogRows, rows).Msg("fetched")
			return nil
		}
	}
}

// pageURL is the URL of the /api/stats page starting at the 1-based record offset.
func (s *Source) pageURL(path string, w extract.Window, offset int) string {
	return s.url("/api/stats", path, s.cfg.Format, w, offset)
}

// url is the URL of a page: the format suffix ends the path, then d= (and tz=) for a window,
// then n= from the second page on.
func (s *Source) url(api, path string, format schema.Format, w extract.Window, offset int) string {
	var b strings.Builder
	b.WriteString(s.base + api + path + "." + string(format))
	sep := "?"
	add := func(k, v string) {
		b.WriteString(sep + k + "=" + v)
		sep = "&"
	}
	if !w.IsZero() {
		add("d", vccRange(w))
		if s.cfg.TZ != "" {
			add("tz", url.QueryEscape(s.cfg.TZ))
		}
	}
	if offset > 1 {
		add("n", strconv.Itoa(offset))
	}
	return b.String()
}

// vccRange renders w in 8x8's compact UTC form, "20070805T1315Z,20070807T1430Z", widened to
// whole minutes (From rounded down, To up). All its characters are legal in a query.
func vccRange(w extract.Window) string {
	from := w.From.UTC().Truncate(time.Minute)
	to := w.To.UTC()
	if t := to.Truncate(time.Minute); !t.Equal(to) {
		to = t.Add(time.Minute)
	}
	const layout = "20060102T1504Z"
	return from.Format(layout) + "," + to.Format(layout)
}
