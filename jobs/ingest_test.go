package jobs

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

func TestCSVChunksKeepRecordsWhole(t *testing.T) {
	in := "a,b\n1,\"x\ny\"\n2,z\r\n3,\"\"\"q\"\"\"\n4,w"
	var pages []string
	require.NoError(t, csvChunks(strings.NewReader(in), 2, func(b []byte, _ int) error {
		pages = append(pages, string(b))
		return nil
	}))
	require.Equal(t, []string{"a,b\n1,\"x\ny\"\n2,z\r\n", "a,b\n3,\"\"\"q\"\"\"\n4,w\n"}, pages)
	pages = nil
	require.NoError(t, csvChunks(strings.NewReader(""), 2, func(b []byte, _ int) error { pages = append(pages, string(b)); return nil }))
	require.Empty(t, pages)
}

// TestIngestCSVFile: a CSV export of two days of interactions (the sandbox's own CSV pages,
// concatenated) loads through ingest into vcc_interactions with exactly its rows, archived.
func TestIngestCSVFile(t *testing.T) {
	e := newEnv(t, nil, "{interactions: {}}")
	from, to := day("2026-03-01"), day("2026-03-03")
	var file bytes.Buffer
	for n := 1; ; n += 50 {
		url := fmt.Sprintf("%s/api/stats/allinteractions.csv?d=20260301T0000Z,20260303T0000Z&n=%d", e.http.URL, n)
		req, _ := http.NewRequest("GET", url, nil)
		req.SetBasicAuth("acme", "sandbox-token")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.Equal(t, 200, resp.StatusCode, string(body))
		header, rows, _ := strings.Cut(string(body), "\n")
		if file.Len() == 0 {
			file.WriteString(header + "\n")
		}
		file.WriteString(rows)
		if strings.Count(rows, "\n") < 50 {
			break
		}
	}
	path := filepath.Join(t.TempDir(), "report.csv")
	require.NoError(t, os.WriteFile(path, file.Bytes(), 0o600))

	rep, err := e.runner.Ingest(context.Background(), IngestOptions{Stream: "8x8-vcc/interactions", Format: schema.CSV,
		Files: []string{path}, Source: "acme", ChunkRows: 37, BatchRows: 100})
	require.NoError(t, err)
	want := e.sb.VCCCounts(extract.Window{From: from, To: to})["vcc_interactions"]
	require.Equal(t, int64(want), e.count("vcc_interactions"))
	require.Len(t, rep.Windows[0].Files, (want+99)/100, "one Parquet file per batch")

	_, err = e.runner.Ingest(context.Background(), IngestOptions{Stream: "8x8-vcc/nope", Format: schema.CSV, Files: []string{path}})
	require.ErrorContains(t, err, "has no stream")
}

// TestIngestMalformedFileLoadsNothing: files given together are one run; a ragged CSV row in the
// second file fails it naming the file, and the rows of the first file are rolled back, so a
// corrected re-run does not meet half a load.
func TestIngestMalformedFileLoadsNothing(t *testing.T) {
	e := newEnv(t, nil, "{interactions: {}}")
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	bad := filepath.Join(dir, "bad.csv")
	header := "interaction-id,create-timestamp,media-type\n"
	require.NoError(t, os.WriteFile(good, []byte(header+"1,2026-03-01 10:00:00,Phone\n2,2026-03-01 10:05:00,Chat\n"), 0o600))
	require.NoError(t, os.WriteFile(bad, []byte(header+"3,2026-03-01 10:10:00,Phone\n4,2026-03-01 10:15:00\n"), 0o600))
	_, err := e.runner.Ingest(context.Background(), IngestOptions{Stream: "8x8-vcc/interactions", Format: schema.CSV,
		Files: []string{good, bad}, BatchRows: 1})
	require.Error(t, err)
	require.ErrorContains(t, err, "bad.csv")
	require.ErrorContains(t, err, "line 3")
	require.Zero(t, e.count("vcc_interactions"), "nothing of a failed ingest stays loaded")

	_, err = e.runner.Ingest(context.Background(), IngestOptions{Stream: "8x8-vcc/interactions", Format: schema.CSV, Files: []string{good}})
	require.NoError(t, err)
	require.Equal(t, int64(2), e.count("vcc_interactions"))
}
