package jobs

import (
	"context"
	"encoding/base64"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/schema"
)

// TestSecretsNeverLeak: after a run with a successful stream and a quarantined page, the
// configured token — plain or as the Basic credentials it travels in — appears in no log line,
// error, run row, data row or archive file.
func TestSecretsNeverLeak(t *testing.T) {
	e := newEnv(t, nil, "{groups: {}, interactions: {}}")
	e.sb.Faults().Inject("/api/stats/allinteractions", sandbox.Fault{Malformed: true})
	ctx := context.Background()
	_, err := e.runner.Sync(ctx, SyncOptions{From: day("2026-03-01"), To: day("2026-03-02")})
	require.Error(t, err)
	canaries := []string{"sandbox-token", base64.StdEncoding.EncodeToString([]byte("acme:sandbox-token"))}

	texts := map[string]string{"error": err.Error(), "logs": e.logs.String()}
	db := schema.Quote(e.ch.Database())
	for _, q := range []string{
		"SELECT concat(run_id, source, stream, ifNull(status, ''), ifNull(rows_by_table, ''), ifNull(error, '')) FROM %s._ccwh_runs",
		"SELECT concat(_run_id, _extra, ifNull(group_name, '')) FROM %s.vcc_groups",
	} {
		rows, err := e.ch.Query(ctx, fmt.Sprintf(q, db))
		require.NoError(t, err)
		var all strings.Builder
		for rows.Next() {
			var s string
			require.NoError(t, rows.Scan(&s))
			all.WriteString(s)
		}
		rows.Close()
		texts[q] = all.String()
	}
	files := 0
	require.NoError(t, filepath.WalkDir(e.cfg.Archive.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		texts[p] = string(b)
		files++
		return err
	}))
	require.GreaterOrEqual(t, files, 4, "parquet, manifest, quarantined page and request")
	for where, text := range texts {
		for _, c := range canaries {
			require.NotContains(t, text, c, where)
		}
	}
}
