package transform

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

const (
	benchRecords  = 10_000
	benchPageSize = 50   // the vendor's page size
	benchBatch    = 1000 // rows per NewRecord
)

// benchInteractions returns n all-interactions records (the 44 fields of the §2.4.7 sample, in
// its order), with values varied the way real pages vary: about a third of the fields empty.
func benchInteractions(n int) [][][2]string {
	rng := rand.New(rand.NewPCG(7, 11))
	t0 := time.Date(2011, 9, 22, 18, 35, 10, 0, time.FixedZone("", -7*3600))
	media := []string{"Phone", "Chat", "Email", "Voice Mail"}
	dirs := []string{"", "inbound", "outbound"}
	types := []string{"", "Web Callback", "DAA", "Fwd to Ext. Number", "Campaign", "Consult"}
	ts := func(t time.Time) string { return t.Format("2006-01-02T15:04:05-07:00") }
	maybe := func(v string) string {
		if rng.IntN(3) == 0 {
			return ""
		}
		return v
	}
	out := make([][][2]string, n)
	for i := range out {
		created := t0.Add(time.Duration(i) * 17 * time.Second)
		accepted := created.Add(time.Duration(rng.IntN(120)) * time.Second)
		proc, post := rng.IntN(900), rng.IntN(120)
		out[i] = [][2]string{
			{"media-type", media[rng.IntN(len(media))]},
			{"channel-obj-id", fmt.Sprint(9691000 + rng.IntN(50))},
			{"queue-name", "Engineering Phone Queue"},
			{"interaction-id", fmt.Sprint(1_000_000 + i)},
			{"orig-interaction-id", maybe(fmt.Sprint(999_000 + i))},
			{"origination", maybe(fmt.Sprintf("+1415555%04d", rng.IntN(10000)))},
			{"destination-original", maybe("8005551234")},
			{"destination-translated", maybe("4155551234")},
			{"customer-name", []string{"N/A, N/A", "Smith, John", "O'Brien & Sons"}[rng.IntN(3)]},
			{"case-id", maybe(fmt.Sprint(rng.IntN(100000)))},
			{"interaction-direction", dirs[rng.IntN(len(dirs))]},
			{"interaction-type", types[rng.IntN(len(types))]},
			{"dial-code", maybe("12")},
			{"dial-text", maybe("Support")},
			{"create-timestamp", ts(created)},
			{"agent-name", maybe("Fred Bloggs")},
			{"accept-timestamp", maybe(ts(accepted))},
			{"process-time", maybe(fmt.Sprint(proc))},
			{"post-process-time", maybe(fmt.Sprint(post))},
			{"total-time", maybe(fmt.Sprint(proc + post))},
			{"abandon-timestamp", maybe(ts(accepted.Add(20 * time.Second)))},
			{"voice-message-left", []string{"", "Y", "N"}[rng.IntN(3)]},
			{"recording-filename", maybe(created.Format("S20060102/R20060102150405") + fmt.Sprintf("%04d.wav", i%10000))},
			{"ivr-treatment-time", fmt.Sprint(rng.IntN(60))},
			{"transfer-from", maybe("pma")},
			{"conference-from", ""},
			{"max-hold-time", fmt.Sprint(rng.IntN(300))},
			{"hold-count", fmt.Sprint(rng.IntN(4))},
			{"total-hold-time", fmt.Sprint(rng.IntN(600))},
			{"call-leg1-post-dial-delay", fmt.Sprint(rng.IntN(5))},
			{"call-leg2-post-dial-delay", fmt.Sprint(rng.IntN(5))},
			{"call-leg1-answer-time", fmt.Sprint(rng.IntN(30))},
			{"call-leg2-answer-time", fmt.Sprint(rng.IntN(30))},
			{"call-leg1-sip-id", maybe(fmt.Sprintf("%032x", rng.Uint64()))},
			{"call-leg2-sip-id", maybe(fmt.Sprintf("%032x", rng.Uint64()))},
			{"inbound-sip-id", "MTM2MjZkNDdiMzU3ZmQ3OTQ1OWM3MmI0M2E4ZGI"},
			{"notes", maybe("customer asked about the invoice; call back tomorrow")},
			{"campaign-name", maybe("Sales Campaign")},
			{"record-id", maybe("0015000000WIBJrAAP")},
			{"record-status", maybe(fmt.Sprint(rng.IntN(8)))},
			{"disposition-code", maybe(fmt.Sprint(1000 + rng.IntN(3)))},
			{"ext-trans-data", maybe("[AccountName|John Smith]")},
			{"wrap-up-code", "N/A"},
			{"wrap-up-text", "N/A"},
		}
	}
	return out
}

// benchPages renders the records as pages of benchPageSize in the given format.
func benchPages(f schema.Format, recs [][][2]string) [][]byte {
	var pages [][]byte
	for start := 0; start < len(recs); start += benchPageSize {
		page := recs[start:min(start+benchPageSize, len(recs))]
		var buf bytes.Buffer
		switch f {
		case schema.XML:
			buf.WriteString("<?xml version='1.0'  encoding='UTF-8' ?>\n<interactions>\n")
			for _, r := range page {
				buf.WriteString("    <interaction>\n")
				for _, kv := range r {
					if kv[1] == "" {
						fmt.Fprintf(&buf, "        <%s />\n", kv[0])
						continue
					}
					fmt.Fprintf(&buf, "        <%s>", kv[0])
					escapeXML(&buf, kv[1])
					fmt.Fprintf(&buf, "</%s>\n", kv[0])
				}
				buf.WriteString("    </interaction>\n")
			}
			buf.WriteString("</interactions>\n")
		case schema.JSON:
			buf.WriteString(`{"interactions":{"interaction":[`)
			for i, r := range page {
				if i > 0 {
					buf.WriteByte(',')
				}
				buf.WriteByte('{')
				for j, kv := range r {
					if j > 0 {
						buf.WriteByte(',')
					}
					k, _ := json.Marshal(kv[0])
					v, _ := json.Marshal(kv[1])
					buf.Write(k)
					buf.WriteByte(':')
					buf.Write(v)
				}
				buf.WriteByte('}')
			}
			buf.WriteString("]}}")
		case schema.CSV:
			w := csv.NewWriter(&buf)
			head := make([]string, len(page[0]))
			for i, kv := range page[0] {
				head[i] = kv[0]
			}
			_ = w.Write(head)
			for _, r := range page {
				row := make([]string, len(r))
				for i, kv := range r {
					row[i] = kv[1]
				}
				_ = w.Write(row)
			}
			w.Flush()
		}
		pages = append(pages, buf.Bytes())
	}
	return pages
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func escapeXML(buf *bytes.Buffer, s string) {
	for _, c := range []byte(s) {
		switch c {
		case '&':
			buf.WriteString("&amp;")
		case '<':
			buf.WriteString("&lt;")
		case '\'':
			buf.WriteString("&#39;")
		default:
			buf.WriteByte(c)
		}
	}
}

func benchmarkDecode(b *testing.B, f schema.Format) {
	pages := benchPages(f, benchInteractions(benchRecords))
	size := 0
	for _, p := range pages {
		size += len(p)
	}
	// The checked allocator takes a stack trace per allocation: it would dominate the profile.
	// TestBenchPagesAgree decodes the same pages with it.
	bld := NewBuilder(memory.NewGoAllocator(), schema.VCCInteractions, testLineage)
	defer bld.Release()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	rows := 0
	best := time.Duration(1 << 62)
	for b.Loop() {
		start := time.Now()
		for _, p := range pages {
			n, err := Decode(f, p, bld)
			if err != nil {
				b.Fatal(err)
			}
			rows += n
			if bld.Len() >= benchBatch {
				bld.NewRecord().Release()
			}
		}
		best = min(best, time.Since(start))
	}
	bld.NewRecord().Release()
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	// On a shared machine wall time includes waiting for a core: rows per second of the
	// process's own CPU time is the figure to compare.
	b.ReportMetric(float64(rows)/(cpuTime()-cpu0).Seconds(), "rows/cpu-s")
	// The fastest pass over the 10k records: the least disturbed by other processes.
	b.ReportMetric(benchRecords/best.Seconds(), "best-rows/s")
	b.ReportMetric(float64(size)/benchRecords, "B/row")
}

func BenchmarkDecodeXMLInteractions(b *testing.B)  { benchmarkDecode(b, schema.XML) }
func BenchmarkDecodeJSONInteractions(b *testing.B) { benchmarkDecode(b, schema.JSON) }
func BenchmarkDecodeCSVInteractions(b *testing.B)  { benchmarkDecode(b, schema.CSV) }

// TestBenchPagesAgree: the benchmark's XML, JSON and CSV pages decode to the same rows, and the
// generated values are all coercible.
func TestBenchPagesAgree(t *testing.T) {
	recs := benchInteractions(120)
	var want []string
	for _, f := range []schema.Format{schema.XML, schema.JSON, schema.CSV} {
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		b := NewBuilder(mem, schema.VCCInteractions, testLineage)
		for _, p := range benchPages(f, recs) {
			_, err := Decode(f, p, b)
			require.NoError(t, err)
		}
		require.Zero(t, b.Coerced())
		rec := b.NewRecord()
		got := renderRows(t, rec)
		rec.Release()
		b.Release()
		mem.AssertSize(t, 0)
		require.Len(t, got, len(recs))
		if want == nil {
			want = got
			continue
		}
		require.Equal(t, want, got, "%s", f)
	}
}
