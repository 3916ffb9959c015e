package cpaas

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
)

// BenchmarkEmitCSV: re-paging an export file (header mapping, row keys, chunking), 100k rows.
func BenchmarkEmitCSV(b *testing.B) {
	var in bytes.Buffer
	in.WriteString("UMID,SubAccountId,Timestamp,Channel,Direction,Status,Content,Price,Currency,ClientMessageId\n")
	for i := 0; i < 100_000; i++ {
		fmt.Fprintf(&in, "%08x-c,acme_sub,2026-01-01T00:%02d:00.00Z,whatsapp,outbound,delivered,\"He*** wo***, x\",0.005,USD,cm-%d\n", i, i%60, i)
	}
	src, err := New(Config{Source: "s", APIKey: "k", SubAccountID: "sub"}, httpx.New(httpx.Options{}, zerolog.Nop()), zerolog.Nop())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(in.Len()))
	b.ReportAllocs()
	for b.Loop() {
		j := &job{st: src.streams[0], fam: families[0], id: "job1"}
		err := src.emitCSV(context.Background(), j, 0, "GET x", 200, 0, bytes.NewReader(in.Bytes()), func(_ context.Context, p *extract.Page) (int, error) {
			return bytes.Count(p.Body, []byte("\n")) - 1, nil
		})
		if err != nil || j.rows != 100_000 {
			b.Fatal(err, j.rows)
		}
	}
}
