package vcc

import (
	"context"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// recordingsStream: GET /api/recordings/files?d=&n= (spec §4.4), the metadata of every call
// recording that started in the window: same d=, n= and format suffix as /api/stats. The
// nested wrap-up transaction codes land in two parallel array columns. filename is the
// recording-filename of the stats tables (and transactionID their interaction id): the README
// shows the join. The audio itself has no documented download endpoint.
func recordingsStream(s *Source) *Stream {
	st := &Stream{src: s, name: "recordings", table: schema.VCCRecordings, mode: extract.Incremental}
	st.fetch = func(ctx context.Context, w extract.Window, emit extract.Emit) error {
		return s.pages(ctx, pageSpec{stream: st, api: "/api/recordings", path: "/files", window: w}, emit)
	}
	return st
}
