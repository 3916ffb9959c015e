package vcc_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/extract/vcc"
	"github.com/ccwh/ccwh/schema"
)

// countMessages counts <message> elements (XML) or messages.message entries (JSON) of a detail.
func countMessages(t *testing.T, p *extract.Page) int {
	t.Helper()
	if p.Format == schema.JSON {
		var doc struct {
			Messages struct {
				Message []map[string]string `json:"message"`
			} `json:"messages"`
		}
		require.NoError(t, json.Unmarshal(p.Body, &doc))
		return len(doc.Messages.Message)
	}
	n := 0
	dec := xml.NewDecoder(bytes.NewReader(p.Body))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return n
		}
		require.NoError(t, err)
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "message" {
			n++
		}
	}
}

// TestTranscriptsListAndDetails: the list pages go to vcc_transcripts, one detail per listed
// transcript to vcc_transcript_messages, with the fan-out bounded and emit serial.
func TestTranscriptsListAndDetails(t *testing.T) {
	for _, c := range []struct {
		format      schema.Format
		concurrency int
	}{{schema.XML, 1}, {schema.JSON, 3}} {
		t.Run(string(c.format), func(t *testing.T) {
			e := newEnv(t, 3)
			e.delay = 2 * time.Millisecond
			st, err := e.source(t, vcc.Config{Format: c.format, Concurrency: c.concurrency}, fastHTTP()).Stream("transcripts")
			require.NoError(t, err)
			require.Equal(t, schema.VCCTranscripts, st.Table())
			var mu sync.Mutex
			list := newCollector("interactionGUID")
			details := map[string]int{}
			msgs := 0
			emit := func(ctx context.Context, p *extract.Page) (int, error) {
				if p.Table == schema.VCCTranscriptMessages {
					mu.Lock()
					defer mu.Unlock()
					require.Equal(t, "transcripts", p.Stream)
					require.True(t, strings.HasPrefix(p.Entity, "transcript=int-"), p.Entity)
					require.NotContains(t, p.Request, "d=")
					details[strings.TrimPrefix(p.Entity, "transcript=")]++
					n := countMessages(t, p)
					msgs += n
					return n, nil
				}
				return list.emit(ctx, p)
			}
			w := extract.Window{From: day(5), To: day(8)}
			require.NoError(t, st.Fetch(context.Background(), w, emit))
			truth := e.sb.VCCCounts(w)
			require.Positive(t, truth[schema.VCCTranscripts.Name])
			require.Equal(t, truth[schema.VCCTranscripts.Name], list.records)
			require.Len(t, details, list.records, "one detail per transcript")
			for g, n := range details {
				require.Equal(t, 1, n, g)
				require.Equal(t, 1, list.keys[g], "the detail's transcript was listed")
			}
			require.Equal(t, truth[schema.VCCTranscriptMessages.Name], msgs)
			require.LessOrEqual(t, e.maxIn.Load(), int32(c.concurrency+1), "details in flight plus the list")
		})
	}
}

func TestTranscriptsRefuseCSV(t *testing.T) {
	e := newEnv(t, 1)
	st, err := e.source(t, vcc.Config{Format: schema.CSV}, fastHTTP()).Stream("transcripts")
	require.NoError(t, err)
	err = st.Fetch(context.Background(), window3, newCollector("interactionGUID").emit)
	require.ErrorIs(t, err, vcc.ErrTranscriptsCSV)
	require.Zero(t, e.requestCount("/"), "refused before any request")
}

func TestTranscriptsDetailFailureFailsTheFetch(t *testing.T) {
	e := newEnv(t, 1)
	e.sb.Faults().Inject("/api/recordings/transcripts/", sandbox.Fault{Status: 500})
	ho := fastHTTP()
	ho.MaxRetries = 0
	st, err := e.source(t, vcc.Config{}, ho).Stream("transcripts")
	require.NoError(t, err)
	err = st.Fetch(context.Background(), window3, func(ctx context.Context, p *extract.Page) (int, error) {
		if p.Table == schema.VCCTranscriptMessages {
			return 1, nil
		}
		return newCollector("interactionGUID").emit(ctx, p)
	})
	var fe *extract.FetchError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, 500, fe.Status)
	require.True(t, strings.HasPrefix(fe.Entity, "transcript="))
}
