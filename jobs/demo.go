package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/load/localch"
	"github.com/ccwh/ccwh/schema"
)

// DemoOptions configures `ccwh demo`.
type DemoOptions struct {
	Dir   string
	Scale int
	Days  int
	Keep  bool
	Out   io.Writer
}

// demoQueries are shown with their results at the end of the demo.
var demoQueries = []struct{ title, sql string }{
	{"Interactions by media type and direction", `SELECT media_type, interaction_direction AS direction, count() AS interactions,
       countIf(abandon_timestamp IS NOT NULL) AS abandoned, round(avg(process_time), 1) AS avg_process_s
FROM ccwh.vcc_interactions FINAL
GROUP BY media_type, direction ORDER BY interactions DESC`},
	{"Busiest agents (analyst view vcc_agent_daily)", `SELECT agent_name, group_name, sum(handled) AS handled, sum(total_s) AS total_s
FROM ccwh.vcc_agent_daily
GROUP BY agent_name, group_name ORDER BY handled DESC LIMIT 5`},
	{"Conversations and response times per vendor and channel (analyst view conversation_times_daily)", `SELECT vendor, channel, sum(conversations) AS conversations, sum(resolved) AS resolved,
       round(sum(avg_first_response_s * responded) / sum(responded), 1) AS avg_first_response_s
FROM ccwh.conversation_times_daily
GROUP BY vendor, channel ORDER BY conversations DESC LIMIT 8`},
	{"Transcripts across vendors (view transcripts_unified; export them with ccwh export transcripts)", `SELECT vendor, uniqExact(conversation_id) AS conversations, count() AS messages,
       countIf(author_role = 'customer') AS from_customers, countIf(author_role = 'agent') AS from_agents
FROM ccwh.transcripts_unified
GROUP BY vendor ORDER BY vendor`},
}

// DemoSource is one source of `ccwh demo`: its YAML (one list item under sources:, %[1]s = the
// sandbox URL), the environment variables it reads, and the sandbox's own row count per table
// for the demo window. NotIdempotent lists tables whose count legitimately grows with a re-sync
// (every export job is a new row; snapshots are per minute); NotOnePerRow those whose Parquet
// rows exceed the FINAL count by design (records re-read in every window, e.g. open Chatwoot
// conversations).
type DemoSource struct {
	YAML          string
	Env           map[string]string
	Truth         func(sb *sandbox.Server, w extract.Window) map[string]int
	NotIdempotent []string
	NotOnePerRow  []string
}

// DemoSources are the demo's sources, one per kind.
func DemoSources() []DemoSource {
	return []DemoSource{vccDemo, dixaDemo, cpaasDemo, vccChatDemo, chatwootDemo}
}

// streamsYAML lists every stream of a kind, so the demo always runs all of them.
func streamsYAML(kind string) string {
	var b strings.Builder
	for i, s := range kinds[kind].Streams {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s.Name + ": {}")
	}
	return "{" + b.String() + "}"
}

var vccDemo = DemoSource{
	YAML: `  - name: acme
    kind: 8x8-vcc
    base_url: %[1]s
    tenant: acme
    token: ${CCWH_DEMO_VCC_TOKEN}
    streams: ` + streamsYAML("8x8-vcc") + "\n",
	Env:   map[string]string{"CCWH_DEMO_VCC_TOKEN": sandbox.DefaultToken},
	Truth: func(sb *sandbox.Server, w extract.Window) map[string]int { return sb.VCCCounts(w) },
	// Real-time statistics are snapshots: every run adds one.
	NotIdempotent: []string{"vcc_rt_agent_snapshots", "vcc_rt_queue_snapshots"},
}

// Demo runs the whole product on one machine: a private ClickHouse, the sandbox vendor APIs,
// migrate, a sync of every stream of every kind over the last days, a second sync of the same
// window, then prints what landed and checks it against the Parquet archive and the sandbox's
// own rows.
func Demo(ctx context.Context, o DemoOptions, log zerolog.Logger) (err error) {
	out := o.Out
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return err
	}
	// Fresh state every time so the counts below mean exactly this demo.
	for _, sub := range []string{"clickhouse", "archive"} {
		if err := os.RemoveAll(filepath.Join(dir, sub)); err != nil {
			return err
		}
	}
	if err := localch.EnsureInstalled(ctx, log); err != nil {
		return err
	}
	srv, err := localch.Start(ctx, filepath.Join(dir, "clickhouse"), log)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, srv.Stop()) }()
	fmt.Fprintf(out, "ClickHouse %s running privately on %s (data in %s)\n", srv.Version, srv.Addr, srv.Dir)

	sb := sandbox.New(sandbox.Options{Seed: 1, Scale: o.Scale})
	sb.SetDixaRateLimit(0, 0) // the demo's Dixa source runs faster than the real 10 requests/s
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: sb.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(out, "sandbox vendor APIs on %s\n", base)

	sources := DemoSources()
	var yaml strings.Builder
	fmt.Fprintf(&yaml, "# written by ccwh demo\nwarehouse:\n  clickhouse: {addr: %q, database: ccwh}\narchive: {dir: %q}\nsources:\n",
		srv.Addr, filepath.Join(dir, "archive"))
	for _, d := range sources {
		fmt.Fprintf(&yaml, d.YAML, base)
		for k, v := range d.Env {
			if err := os.Setenv(k, v); err != nil {
				return err
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cfgPath := filepath.Join(dir, "ccwh.yaml")
	if err := os.WriteFile(cfgPath, []byte(yaml.String()), 0o600); err != nil {
		return err
	}
	cfg, err := LoadConfig(cfgPath)
	if err != nil {
		return err
	}
	ch, err := OpenWarehouse(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer ch.Close()
	if err := ch.Migrate(ctx, Version); err != nil {
		return err
	}
	ar, err := load.NewArchive(cfg.Archive.Dir)
	if err != nil {
		return err
	}
	to := time.Now().UTC().Truncate(24 * time.Hour)
	from := to.AddDate(0, 0, -o.Days)
	window := extract.Window{From: from, To: to}
	runner := NewRunner(cfg, ch, ar, nil, log)

	fmt.Fprintf(out, "\nsyncing every stream of %d sources for %s …\n", len(cfg.Sources), window)
	rep, err := runner.Sync(ctx, SyncOptions{From: from, To: to, Parallel: 2})
	if err != nil {
		return fmt.Errorf("demo sync: %w", err)
	}
	counts, err := finalCounts(ctx, ch)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "syncing the same window again (idempotency check) …\n")
	if _, err := runner.Sync(ctx, SyncOptions{From: from, To: to, Parallel: 2}); err != nil {
		return fmt.Errorf("demo re-sync: %w", err)
	}
	again, err := finalCounts(ctx, ch)
	if err != nil {
		return err
	}

	parquetRows := map[string]int64{}
	for _, w := range rep.Windows {
		for _, f := range w.Files {
			parquetRows[f.Table] += f.Rows
		}
	}
	fmt.Fprintf(out, "\nwhat landed (run %s):\n", rep.RunID)
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TABLE\tCLICKHOUSE (FINAL)\tPARQUET\tSANDBOX\tAFTER RE-SYNC\tCHECK")
	var bad []string
	for _, d := range sources {
		truth := d.Truth(sb, window)
		names := make([]string, 0, len(truth))
		for t := range truth {
			names = append(names, t)
		}
		sort.Strings(names)
		for _, t := range names {
			ok := counts[t] > 0 && counts[t] == int64(truth[t])
			if !slices.Contains(d.NotOnePerRow, t) {
				ok = ok && parquetRows[t] == counts[t]
			}
			if slices.Contains(d.NotIdempotent, t) {
				ok = ok && again[t] >= counts[t]
			} else {
				ok = ok && again[t] == counts[t]
			}
			mark := "ok"
			if !ok {
				mark = "MISMATCH"
				bad = append(bad, t)
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", t, counts[t], parquetRows[t], truth[t], again[t], mark)
		}
	}
	tw.Flush()
	fmt.Fprintf(out, "(Parquet above FINAL: rows re-read by design; a re-sync adding rows: per-run tables such as export jobs)\n")
	fmt.Fprintf(out, "Parquet archive: %s (manifest %s)\n", cfg.Archive.Dir,
		filepath.Join(cfg.Archive.Dir, "runs", rep.RunID, "manifest.json"))

	for _, q := range demoQueries {
		fmt.Fprintf(out, "\n-- %s\n%s\n", q.title, q.sql)
		if err := printQuery(ctx, ch, out, q.sql); err != nil {
			return fmt.Errorf("demo query %q: %w", q.title, err)
		}
	}
	fmt.Fprintf(out, "\nquery it yourself: clickhouse-client --host 127.0.0.1 --port %s --database ccwh\n", portOf(srv.Addr))
	fmt.Fprintf(out, "config used: %s (secrets from the environment)\n", cfgPath)
	if len(bad) > 0 {
		return fmt.Errorf("demo: counts disagree for %s", strings.Join(bad, ", "))
	}
	if o.Keep {
		fmt.Fprintf(out, "\nClickHouse and the sandbox keep running; Ctrl-C stops them.\n")
		<-ctx.Done()
	} else {
		fmt.Fprintf(out, "(run `ccwh demo --keep` to leave ClickHouse running for queries)\n")
	}
	return nil
}

func finalCounts(ctx context.Context, ch *load.ClickHouse) (map[string]int64, error) {
	out := map[string]int64{}
	for _, tb := range schema.Tables() {
		var n uint64
		q := fmt.Sprintf("SELECT count() FROM %s.%s FINAL", schema.Quote(ch.Database()), schema.Quote(tb.Name))
		if err := ch.QueryRow(ctx, q).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", tb.Name, err)
		}
		out[tb.Name] = int64(n)
	}
	return out, nil
}

func portOf(addr string) string {
	_, p, _ := net.SplitHostPort(addr)
	return p
}

// printQuery runs a query and prints its result as an aligned table.
func printQuery(ctx context.Context, ch *load.ClickHouse, out io.Writer, sql string) error {
	rows, err := ch.Query(ctx, sql)
	if err != nil {
		return err
	}
	defer rows.Close()
	types := rows.ColumnTypes()
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(rows.Columns(), "\t"))
	for rows.Next() {
		vals := make([]any, len(types))
		for i, t := range types {
			vals[i] = reflect.New(t.ScanType()).Interface()
		}
		if err := rows.Scan(vals...); err != nil {
			return err
		}
		cells := make([]string, len(vals))
		for i, v := range vals {
			cells[i] = cell(reflect.ValueOf(v).Elem())
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return tw.Flush()
}

func cell(v reflect.Value) string {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "NULL"
		}
		v = v.Elem()
	}
	if v.Kind() == reflect.String && v.String() == "" {
		return "''"
	}
	return fmt.Sprint(v.Interface())
}
