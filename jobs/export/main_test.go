package export

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/jobs"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/load/chtest"
	"github.com/ccwh/ccwh/load/localch"
	"github.com/ccwh/ccwh/schema"
)

var chServer *localch.Server

// fixture is the sandbox's transcripts synced into one database, shared by the tests that only
// read it (exports never write to ClickHouse).
type fixture struct {
	ch      *load.ClickHouse
	archive string // the Parquet archive of the sync
	err     error
}

var (
	fxOnce   sync.Once
	fx       fixture
	fxDir    string
	fxWindow = [2]time.Time{time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)}
)

func TestMain(m *testing.M) {
	chtest.Main(m, func(srv *localch.Server) int {
		chServer = srv
		code := m.Run()
		if fx.ch != nil {
			fx.ch.Close()
		}
		if fxDir != "" {
			os.RemoveAll(fxDir)
		}
		return code
	})
}

// transcriptStreams are the demo sources' streams that fill the tables of transcripts_unified.
var transcriptStreams = []string{"acme/transcripts", "acme-dixa/conversations", "acme-dixa/end_users", "acme-dixa/agents",
	"acme-dixa/queues", "acme-chat", "acme-chatwoot"}

// sandboxWarehouse syncs the transcript streams of every demo source (jobs.DemoSources: 8x8
// Contact Center, Dixa, the 8x8 Chat API, Chatwoot) from a sandbox into a fresh database, once.
func sandboxWarehouse(t *testing.T) *fixture {
	t.Helper()
	if chServer == nil {
		t.Skip("no ClickHouse server (outside CI only; with CI set the package fails instead)")
	}
	fxOnce.Do(func() { fx = syncSandbox() })
	require.NoError(t, fx.err, "sync the sandbox")
	return &fx
}

func syncSandbox() (f fixture) {
	from, to := fxWindow[0], fxWindow[1]
	sb := sandbox.New(sandbox.Options{Seed: 3, Scale: 1, Now: func() time.Time { return to.Add(12 * time.Hour) }})
	sb.SetDixaRateLimit(0, 0)
	hs := httptest.NewServer(sb.Handler())
	defer hs.Close()
	var err error
	if fxDir, err = os.MkdirTemp("", "ccwh-export-test-"); err != nil {
		return fixture{err: err}
	}
	f.archive = filepath.Join(fxDir, "archive")
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	var yaml strings.Builder
	fmt.Fprintf(&yaml, "warehouse:\n  clickhouse: {addr: %q, database: export_%s}\narchive: {dir: %q}\nsources:\n",
		chServer.Addr, hex.EncodeToString(rnd[:]), f.archive)
	env := map[string]string{}
	for _, d := range jobs.DemoSources() {
		fmt.Fprintf(&yaml, d.YAML, hs.URL)
		for k, v := range d.Env {
			env[k] = v
		}
	}
	cfg, err := jobs.ParseConfig("export.yaml", []byte(yaml.String()), func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		return fixture{err: err}
	}
	ctx := context.Background()
	if f.ch, err = jobs.OpenWarehouse(ctx, cfg, zerolog.Nop()); err != nil {
		return fixture{err: err}
	}
	if err := f.ch.Migrate(ctx, "test"); err != nil {
		return fixture{ch: f.ch, err: err}
	}
	ar, err := load.NewArchive(cfg.Archive.Dir)
	if err != nil {
		return fixture{ch: f.ch, err: err}
	}
	rep, err := jobs.NewRunner(cfg, f.ch, ar, nil, zerolog.Nop()).Sync(ctx, jobs.SyncOptions{From: from, To: to, Parallel: 2, Streams: transcriptStreams})
	if err == nil && len(rep.Failed()) > 0 {
		err = fmt.Errorf("%d windows failed", len(rep.Failed()))
	}
	f.err = err
	return f
}

// newDatabase is an empty, migrated database of its own on the shared server, for tests that
// insert synthetic rows.
func newDatabase(t *testing.T) *load.ClickHouse {
	t.Helper()
	if chServer == nil {
		t.Skip("no ClickHouse server (outside CI only; with CI set the package fails instead)")
	}
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	ctx := context.Background()
	ch, err := load.Open(ctx, load.Options{Addr: chServer.Addr, Database: "export_" + hex.EncodeToString(rnd[:])}, zerolog.Nop())
	require.NoError(t, err)
	t.Cleanup(func() { ch.Close() })
	require.NoError(t, ch.Migrate(ctx, "test"))
	return ch
}

// scalar runs a query returning one number; {db} is the database.
func scalar(t *testing.T, ch *load.ClickHouse, q string, args ...any) int64 {
	t.Helper()
	var n int64
	q = strings.ReplaceAll(q, "{db}", schema.Quote(ch.Database()))
	require.NoError(t, ch.QueryRow(context.Background(), "SELECT toInt64(("+q+"))", args...).Scan(&n), q)
	return n
}

// strings1 runs a query returning one string column.
func strings1(t *testing.T, ch *load.ClickHouse, q string, args ...any) []string {
	t.Helper()
	q = strings.ReplaceAll(q, "{db}", schema.Quote(ch.Database()))
	rows, err := ch.Query(context.Background(), q, args...)
	require.NoError(t, err, q)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		out = append(out, s)
	}
	require.NoError(t, rows.Err())
	return out
}

// exportTo runs an export into a new directory under the test's temp dir.
func exportTo(t *testing.T, ch *load.ClickHouse, o Options) (string, *Manifest) {
	t.Helper()
	if o.Dir == "" {
		o.Dir = filepath.Join(t.TempDir(), "export")
	}
	m, err := Transcripts(context.Background(), ch, o)
	require.NoError(t, err)
	return o.Dir, m
}
