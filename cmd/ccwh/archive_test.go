package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// archiveOf writes a small archive as a sync would: one run, two vcc_groups files.
func archiveOf(t *testing.T, dir string) []load.FileEntry {
	t.Helper()
	a, err := load.NewArchive(dir)
	require.NoError(t, err)
	m := a.NewManifest("run-1", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	for seq := 1; seq <= 2; seq++ {
		b := array.NewRecordBuilder(memory.NewGoAllocator(), schema.VCCGroups.ArrowSchema())
		for r := range 10 {
			for i := range schema.VCCGroups.Columns {
				if sb, ok := b.Field(i).(*array.StringBuilder); ok {
					sb.Append(fmt.Sprintf("v%d-%d", seq, r))
				} else {
					b.Field(i).AppendEmptyValue()
				}
			}
		}
		rec := b.NewRecord()
		b.Release()
		e, err := a.WriteBatch(schema.VCCGroups, "run-1", seq, time.Date(2026, 3, seq, 0, 0, 0, 0, time.UTC), rec)
		rec.Release()
		require.NoError(t, err)
		require.NoError(t, m.Add(e))
	}
	return m.Files
}

func exitCode(t *testing.T, err error) int {
	t.Helper()
	if err == nil {
		return 0
	}
	var ee *exec.ExitError
	require.True(t, errors.As(err, &ee), "exit status, got %v", err)
	return ee.ExitCode()
}

// TestArchiveVerifyExitStatus: `ccwh archive verify` exits 0 on a sound archive, 0 with a
// warning for an orphan (1 with --strict), and 1 naming the file after one byte changed.
func TestArchiveVerifyExitStatus(t *testing.T) {
	bin := buildCCWH(t)
	dir := filepath.Join(t.TempDir(), "archive")
	files := archiveOf(t, dir)
	verify := func(args ...string) (string, int) {
		out, err := exec.Command(bin, append([]string{"archive", "verify", "--dir", dir}, args...)...).CombinedOutput()
		return string(out), exitCode(t, err)
	}

	out, code := verify()
	require.Equal(t, 0, code, out)
	require.Contains(t, out, "1 manifests, 2 files, 20 rows")
	require.Contains(t, out, "OK: every file matches its manifest")

	orphan := filepath.Join(dir, "vcc_groups", "date=2026-03-09", "run-9-1.parquet")
	require.NoError(t, os.MkdirAll(filepath.Dir(orphan), 0o700))
	require.NoError(t, os.WriteFile(orphan, []byte("PAR1"), 0o600))
	out, code = verify()
	require.Equal(t, 0, code, out)
	require.Contains(t, out, "WARNINGS (1)")
	require.Contains(t, out, "vcc_groups/date=2026-03-09/run-9-1.parquet")
	out, code = verify("--strict")
	require.Equal(t, 1, code, out)
	require.Contains(t, out, "PROBLEMS (1)")
	require.NoError(t, os.Remove(orphan))

	p := filepath.Join(dir, filepath.FromSlash(files[1].Path))
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	b[len(b)/2] ^= 0x40
	require.NoError(t, os.WriteFile(p, b, 0o600))
	out, code = verify()
	require.Equal(t, 1, code, out)
	require.Regexp(t, `run-1\s+`+files[1].Path+`\s+checksum: sha256`, out)
	require.Contains(t, out, "archive verify: 1 problem(s)")
}

// TestArchiveRestoreCommand: `ccwh archive restore` loads the archive into the configured
// warehouse and prints what it loaded; a changed file makes it exit 1 naming the file, with
// nothing changed.
func TestArchiveRestoreCommand(t *testing.T) {
	if chServer == nil {
		t.Skip("no ClickHouse server (outside CI only)")
	}
	bin := buildCCWH(t)
	dir := t.TempDir()
	files := archiveOf(t, filepath.Join(dir, "archive"))
	db := fmt.Sprintf("restore_cmd_%d", time.Now().UnixNano())
	t.Cleanup(func() {
		ctx := context.Background()
		if ch, err := load.Open(ctx, load.Options{Addr: chServer.Addr}, zerolog.Nop()); err == nil {
			_ = ch.Exec(ctx, "DROP DATABASE IF EXISTS "+db)
			ch.Close()
		}
	})
	cfg := filepath.Join(dir, "ccwh.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte(fmt.Sprintf(`warehouse: {clickhouse: {addr: %q, database: %s}}
archive: {dir: %q}
sources: [{name: acme, kind: 8x8-vcc, base_url: "http://127.0.0.1:1", tenant: acme, token: t, streams: {groups: {}}}]
`, chServer.Addr, db, filepath.Join(dir, "archive"))), 0o644))
	restore := func(args ...string) (string, int) {
		out, err := exec.Command(bin, append([]string{"--config", cfg, "archive", "restore"}, args...)...).CombinedOutput()
		return string(out), exitCode(t, err)
	}

	out, code := restore("--replace", "--from", "2026-03-01")
	require.Equal(t, 2, code, "bad usage: "+out)
	out, code = restore("--table", "vcc_groups", "--from", "2026-03-02")
	require.Equal(t, 0, code, out)
	require.Contains(t, out, "restored 1 files, 10 rows")
	require.Regexp(t, `vcc_groups\s+10`, out)
	out, code = restore("--replace")
	require.Equal(t, 0, code, out)
	require.Contains(t, out, "restored 2 files, 20 rows")

	p := filepath.Join(dir, "archive", filepath.FromSlash(files[0].Path))
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	b[len(b)/2] ^= 0x40
	require.NoError(t, os.WriteFile(p, b, 0o600))
	out, code = restore("--replace")
	require.Equal(t, 1, code, out)
	require.Contains(t, out, "REFUSED")
	require.Contains(t, out, files[0].Path)
	require.Contains(t, out, "nothing was changed")
}
