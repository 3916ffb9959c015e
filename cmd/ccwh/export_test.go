package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestExportProcess runs the compliance commands as an officer would: sync, export
// transcripts (exit 0), export verify (exit 0), one byte changed (exit 1 naming the file), a
// bad flag or a used directory (exit 2), and the same export from the Parquet archive alone.
func TestExportProcess(t *testing.T) {
	if chServer == nil {
		t.Skip("no ClickHouse server (outside CI only)")
	}
	bin, dir, run := chatwootProcess(t, 9, "export")
	code, out := run("migrate")
	require.Zero(t, code, out)
	code, out = run("sync", "--from", "2026-01-01", "--to", "2026-01-03")
	require.Zero(t, code, out)

	exp := filepath.Join(dir, "export")
	code, out = run("export", "transcripts", "--out", exp, "--vendor", "chatwoot", "--redact", "all")
	require.Zero(t, code, out)
	require.Regexp(t, `exported [1-9][0-9]* conversations, [1-9][0-9]* messages`, out)
	code, out = run("export", "verify", exp)
	require.Zero(t, code, out)
	require.Contains(t, out, "OK "+exp)
	require.Contains(t, out, "manifest.json sha256 ")

	pages, err := filepath.Glob(filepath.Join(exp, "html", "0*.html"))
	require.NoError(t, err)
	require.NotEmpty(t, pages)
	b, err := os.ReadFile(pages[0])
	require.NoError(t, err)
	b[len(b)/2] ^= 0x20
	require.NoError(t, os.WriteFile(pages[0], b, 0o644))
	code, out = run("export", "verify", exp)
	require.Equal(t, 1, code, out)
	require.Contains(t, out, "changed html/"+filepath.Base(pages[0]))
	require.Contains(t, out, "verification failed")

	code, out = run("export", "transcripts", "--out", exp)
	require.Equal(t, 2, code, "an export never writes into a used directory: %s", out)
	code, out = run("export", "transcripts", "--out", filepath.Join(dir, "x"), "--vendor", "zendesk")
	require.Equal(t, 2, code, out)
	code, out = run("export", "transcripts", "--out", filepath.Join(dir, "x"), "--redact", "iban")
	require.Equal(t, 2, code, out)
	code, out = run("export", "transcripts", "--vendor", "dixa")
	require.Equal(t, 2, code, "--out is required: %s", out)
	code, out = run("export", "verify")
	require.Equal(t, 2, code, out)
	code, out = run("export", "verify", filepath.Join(dir, "nothing-here"))
	require.Equal(t, 1, code, out)

	// The warehouse is gone: no config, only the archive.
	fromArchive := filepath.Join(dir, "from-archive")
	cmd := exec.Command(bin, "--log-level", "warn", "--config", filepath.Join(dir, "missing.yaml"),
		"export", "transcripts", "--from-archive", filepath.Join(dir, "archive"), "--out", fromArchive, "--vendor", "chatwoot", "--redact", "all")
	o, err := cmd.CombinedOutput()
	require.NoError(t, err, string(o))
	code, out = run("export", "verify", fromArchive)
	require.Zero(t, code, out)
	a, err := os.ReadFile(filepath.Join(exp, "transcripts.jsonl"))
	require.NoError(t, err)
	c, err := os.ReadFile(filepath.Join(fromArchive, "transcripts.jsonl"))
	require.NoError(t, err)
	require.Equal(t, string(a), string(c), "the archive gives the same transcripts")
	require.True(t, strings.Contains(string(o), "restored"), string(o))
}
