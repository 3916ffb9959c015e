package export

import (
	"context"
	"testing"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/transform"
)

// TestExportFromArchiveEqualsWarehouse: with the warehouse gone, the same export read from the
// Parquet archive (a private ClickHouse restored from it) writes the very same files: equal
// paths, sizes and SHA-256 in both manifests, which differ only in when and from where.
func TestExportFromArchiveEqualsWarehouse(t *testing.T) {
	fx := sandboxWarehouse(t)
	o := Options{Redact: transform.PIIEmail, Filter: Filter{Vendors: nil}}
	fromCH, _ := exportTo(t, fx.ch, o)

	ctx := context.Background()
	w, err := OpenArchive(ctx, fx.archive, t.TempDir(), nil, zerolog.Nop())
	require.NoError(t, err)
	defer func() { require.NoError(t, w.Close()) }()
	require.Positive(t, w.Restored.Files)
	require.Empty(t, w.Restored.Problems)
	o.DataSource = w.DataSource()
	fromArchive, _ := exportTo(t, w.CH, o)

	a, err := ReadManifest(fromCH)
	require.NoError(t, err)
	b, err := ReadManifest(fromArchive)
	require.NoError(t, err)
	require.NotEmpty(t, a.Files)
	require.Equal(t, a.Files, b.Files, "same files, byte for byte")
	require.Equal(t, "clickhouse", a.DataSource.Kind)
	require.Equal(t, "archive", b.DataSource.Kind)
	require.Equal(t, fx.archive, b.DataSource.Archive)
	require.Equal(t, w.Restored.Rows, b.DataSource.ArchiveRows)
	// Everything else is equal once the time and the source of the data are set aside.
	a.ExportedAt, b.ExportedAt = "", ""
	a.DataSource, b.DataSource = DataSource{}, DataSource{}
	require.Equal(t, a, b)
	_, err = Verify(fromArchive)
	require.NoError(t, err)
}
