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

const demoToken = "CCWH_DEMO_VCC_TOKEN"

// demoQueries are shown with their results at the end of the demo.
var demoQueries = []struct{ title, sql string }{
	{"Interactions by media type and direction", `SELECT media_type, interaction_direction AS direction, count() AS interactions,
       countIf(abandon_timestamp IS NOT NULL) AS abandoned, round(avg(process_time), 1) AS avg_process_s
FROM ccwh.vcc_interactions FINAL
GROUP BY media_type, direction ORDER BY interactions DESC`},
	{"Busiest agents (activities joined to their group)", `SELECT a.agent_name, g.group_name AS group_name, count() AS handled, sum(a.trans_total_time) AS total_s
FROM ccwh.vcc_activities AS a FINAL
ANY LEFT JOIN (SELECT group_id, group_name FROM ccwh.vcc_groups FINAL) AS g USING group_id
GROUP BY a.agent_name, g.group_name ORDER BY handled DESC LIMIT 5`},
}

// Demo runs the whole product on one machine: a private ClickHouse, the sandbox vendor APIs,
// migrate, a sync of every stream over the last days, a second sync of the same window, then
// prints what landed and checks it against the Parquet archive and the sandbox's own truth.
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
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: sb.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(out, "sandbox vendor APIs on %s\n", base)

	cfgPath := filepath.Join(dir, "ccwh.yaml")
	cfgText := fmt.Sprintf(`# written by ccwh demo
warehouse:
  clickhouse: {addr: %q, database: ccwh}
archive: {dir: %q}
sources:
  - name: acme
    kind: 8x8-vcc
    base_url: %s
    tenant: acme
    token: ${%s}
    streams: {groups: {}, agents: {}, queues: {}, activities: {}, interactions: {}}
`, srv.Addr, filepath.Join(dir, "archive"), base, demoToken)
	if err := os.WriteFile(cfgPath, []byte(cfgText), 0o644); err != nil {
		return err
	}
	if err := os.Setenv(demoToken, "sandbox-token"); err != nil {
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

	fmt.Fprintf(out, "\nsyncing every stream of source acme for %s …\n", window)
	rep, err := runner.Sync(ctx, SyncOptions{From: from, To: to})
	if err != nil {
		return fmt.Errorf("demo sync: %w", err)
	}
	counts, err := finalCounts(ctx, ch)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "syncing the same window again (idempotency check) …\n")
	if _, err := runner.Sync(ctx, SyncOptions{From: from, To: to}); err != nil {
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
	truth := sb.VCCCounts(window)
	fmt.Fprintf(out, "\nwhat landed (run %s):\n", rep.RunID)
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TABLE\tCLICKHOUSE (FINAL)\tPARQUET\tSANDBOX\tAFTER RE-SYNC\tCHECK")
	var bad []string
	for _, t := range demoTables() {
		ok := counts[t] > 0 && counts[t] == parquetRows[t] && counts[t] == int64(truth[t]) && again[t] == counts[t]
		mark := "ok"
		if !ok {
			mark = "MISMATCH"
			bad = append(bad, t)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", t, counts[t], parquetRows[t], truth[t], again[t], mark)
	}
	tw.Flush()
	fmt.Fprintf(out, "Parquet archive: %s (manifest %s)\n", cfg.Archive.Dir,
		filepath.Join(cfg.Archive.Dir, "runs", rep.RunID, "manifest.json"))

	for _, q := range demoQueries {
		fmt.Fprintf(out, "\n-- %s\n%s\n", q.title, q.sql)
		if err := printQuery(ctx, ch, out, q.sql); err != nil {
			return fmt.Errorf("demo query %q: %w", q.title, err)
		}
	}
	fmt.Fprintf(out, "\nquery it yourself: clickhouse-client --host 127.0.0.1 --port %s --database ccwh\n", portOf(srv.Addr))
	fmt.Fprintf(out, "config used: %s (token from $%s)\n", cfgPath, demoToken)
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

func demoTables() []string {
	return []string{schema.VCCGroups.Name, schema.VCCAgents.Name, schema.VCCQueues.Name, schema.VCCActivities.Name, schema.VCCInteractions.Name}
}

func portOf(addr string) string {
	_, p, _ := net.SplitHostPort(addr)
	return p
}

func finalCounts(ctx context.Context, ch *load.ClickHouse) (map[string]int64, error) {
	out := map[string]int64{}
	for _, t := range demoTables() {
		var n uint64
		q := fmt.Sprintf("SELECT count() FROM %s.%s FINAL", schema.Quote(ch.Database()), schema.Quote(t))
		if err := ch.QueryRow(ctx, q).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", t, err)
		}
		out[t] = int64(n)
	}
	return out, nil
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
