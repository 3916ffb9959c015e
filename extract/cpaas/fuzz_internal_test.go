package cpaas

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"testing"

	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform"
)

// FuzzParseJobStatus: any body either parses or fails with ErrBadResponse; never panics.
func FuzzParseJobStatus(f *testing.F) {
	f.Add([]byte(`{"jobId":"j","status":"succeeded","data":["https://x/1.csv"],"expires":"2020-10-25T07:18:22.4297387+00:00"}`))
	f.Add([]byte(`{"status":"succeeded","data":[{"url":"u"}]}`))
	f.Add([]byte(`{"code":4018,"message":"Invalid jobId"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		js, err := ParseJobStatus(b)
		if err == nil && js.Status == "" {
			t.Fatal("a parsed status is never empty")
		}
		_, _ = ParseAPIError(b)
	})
}

// FuzzEmitCSV: whatever CSV the vendor sends, the re-paged CSV handed to the pipeline decodes,
// with as many rows as encoding/csv reads from the input, each with a non-empty row key.
func FuzzEmitCSV(f *testing.F) {
	f.Add([]byte("UMID,Timestamp,Content\nu1,2026-01-01T00:00:00Z,\"a,b\"\nu2,2026-01-01T00:01:00.1234567+00:00,x\n"))
	f.Add([]byte("\ufeffumid,umid,New\r\n,,\r\n"))
	f.Add([]byte(""))
	f.Add([]byte("a\n\"unterminated\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		src, err := New(Config{Source: "s", APIKey: "k", SubAccountID: "sub", ChunkRows: 3}, httpx.New(httpx.Options{}, zerolog.Nop()), zerolog.Nop())
		if err != nil {
			t.Fatal(err)
		}
		want := -1
		if recs, err := csv.NewReader(bytes.NewReader(in)).ReadAll(); err == nil {
			want = max(len(recs)-1, 0)
		}
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		b := transform.NewBuilder(mem, schema.CPaaSChatAppsMessageLogs, transform.Lineage{Source: "s", RunID: "r", Version: 1})
		defer func() { b.Release(); mem.AssertSize(t, 0) }()
		j := &job{st: src.streams[0], fam: families[0], id: "job1"}
		err = src.emitCSV(context.Background(), j, 0, "GET x", 200, 0, io.Reader(bytes.NewReader(in)), func(_ context.Context, p *extract.Page) (int, error) {
			n, err := transform.Decode(p.Format, p.Body, b)
			if err != nil {
				t.Fatalf("re-paged CSV does not decode: %v\n%q", err, p.Body)
			}
			return n, nil
		})
		if want < 0 {
			if err == nil && j.rows > 0 {
				// encoding/csv with ReuseRecord/FieldsPerRecord reads the same; a failed ReadAll must fail here too
				t.Fatalf("input encoding/csv rejects was accepted: %q", in)
			}
			return
		}
		if err != nil {
			t.Fatalf("valid CSV failed: %v", err)
		}
		if j.rows != want {
			t.Fatalf("rows %d, want %d", j.rows, want)
		}
		rec := b.NewRecord()
		defer rec.Release()
		keys := rec.Column(schema.CPaaSChatAppsMessageLogs.Column("ccwh_row_key"))
		for i := 0; i < keys.Len(); i++ {
			if keys.ValueStr(i) == "" {
				t.Fatal("empty row key")
			}
		}
	})
}
