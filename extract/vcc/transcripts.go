package vcc

import (
	"context"
	"fmt"
	"net/url"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// transcriptsStream: GET /api/recordings/transcripts?d=&n= (spec §4.5, root <recordings>) into
// vcc_transcripts, and for every transcript listed GET /api/recordings/transcripts/{GUID}
// (§4.6) into vcc_transcript_messages: list pages carry Page.Table transcripts, detail pages
// Page.Table messages (Entity "transcript=<GUID>"). Details are fetched while the list is read,
// at most Config.Concurrency at a time over the source's client; emit sees one page at a time.
// The detail has no CSV (documented): a source reading CSV cannot have this stream (ErrConfig
// at New; the 8x8-vcc kind rejects it when the config is loaded).
func transcriptsStream(s *Source) *Stream {
	st := &Stream{src: s, name: "transcripts", table: schema.VCCTranscripts, mode: extract.Incremental}
	detail := &Stream{src: s, name: "transcripts", table: schema.VCCTranscriptMessages, mode: extract.Incremental}
	st.fetch = func(ctx context.Context, w extract.Window, emit extract.Emit) error {
		if s.cfg.Format == schema.CSV {
			return &extract.FetchError{Source: s.cfg.Source, Stream: st.name, Window: w, Page: 1,
				Err: fmt.Errorf("%w: %w", ErrConfig, ErrTranscriptsCSV)}
		}
		var mu sync.Mutex
		serial := func(ctx context.Context, p *extract.Page) (int, error) {
			mu.Lock()
			defer mu.Unlock()
			return emit(ctx, p)
		}
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(s.cfg.Concurrency + 1) // the list reader holds one slot
		seen := map[string]bool{}
		list := func(ctx context.Context, p *extract.Page) (int, error) {
			n, err := serial(ctx, p)
			if err != nil {
				return n, err
			}
			guids, _, err := scanField(p.Format, p.Body, st.table.Root, st.table.Record, "interactionGUID")
			if err != nil {
				return n, fmt.Errorf("read interaction GUIDs: %w", err)
			}
			for _, id := range guids {
				if id == "" || seen[id] {
					continue
				}
				seen[id] = true
				if gctx.Err() != nil {
					break
				}
				g.Go(func() error {
					return s.pages(gctx, pageSpec{stream: detail, api: "/api/recordings", path: "/transcripts/" + url.PathEscape(id),
						entity: "transcript=" + id, single: true}, serial)
				})
			}
			return n, nil
		}
		g.Go(func() error {
			return s.pages(gctx, pageSpec{stream: st, api: "/api/recordings", path: "/transcripts", window: w}, list)
		})
		return g.Wait()
	}
	return st
}
