package vcc_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/vcc"
	"github.com/ccwh/ccwh/schema"
)

// TestCodeLabels: one static CSV page with every documented code, whatever the source's format,
// and no request.
func TestCodeLabels(t *testing.T) {
	e := newEnv(t, 1)
	st, err := e.source(t, vcc.Config{Format: schema.JSON}, fastHTTP()).Stream("code_labels")
	require.NoError(t, err)
	require.Equal(t, extract.Dimension, st.Mode())
	c := newCollector("enum+code")
	require.NoError(t, st.Fetch(context.Background(), extract.Window{}, c.emit))
	require.Len(t, c.pages, 1)
	require.Equal(t, schema.CSV, c.pages[0].Format)
	require.Equal(t, schema.VCCCodeLabels, c.pages[0].Table)
	n := 0
	for _, e := range vcc.CodeLabels {
		n += len(e.Labels)
	}
	require.Equal(t, n, c.records)
	require.Len(t, c.keys, n, "(enum, code) is unique")
	require.Equal(t, 1, c.keys["campaign_status|6"])
	require.Zero(t, e.requestCount("/"))
}
