package vcc

import (
	"context"
	"time"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// Real-time statistics (spec §3): GET /api/rtstats/stats/{agents|queues}, a server cache
// refreshed every 10 seconds. No d=, no n= (one request per read), XML or JSON only: a source
// configured for CSV reads these two in XML. Every record gets snapshot-at, the time of the
// request in whole UTC seconds (entity.go), so that each read adds one row per agent or queue
// and a re-read within the same second replaces it. The single-item paths /agent/{id} and
// /queue/{id} (singular) return the same records one at a time and are not read.
func rtStream(s *Source, name string, table *schema.Table, path string) *Stream {
	st := &Stream{src: s, name: name, table: table, mode: extract.Snapshot}
	format := s.cfg.Format
	if format == schema.CSV {
		format = schema.XML
	}
	st.fetch = func(ctx context.Context, _ extract.Window, emit extract.Emit) error {
		return s.pages(ctx, pageSpec{stream: st, api: "/api/rtstats/stats", path: path, single: true, format: format,
			newTag: func() *entityTag {
				at := s.now().UTC().Truncate(time.Second).Format(time.RFC3339)
				return &entityTag{pairs: [][2]string{{"snapshot-at", at}}}
			}}, emit)
	}
	return st
}
