package transform

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

var update = flag.Bool("update", false, "rewrite testdata/<case>/want.json from input.xml")

// TestGolden decodes every testdata/<case>/input.{xml,json,csv} into the table named in
// testdata/<case>/table. The rows of input.xml are want.json (one JSON object per line); the JSON
// and CSV renderings of the same records must give identical rows.
func TestGolden(t *testing.T) {
	tables, err := filepath.Glob("testdata/*/table")
	require.NoError(t, err)
	require.NotEmpty(t, tables)
	for _, tf := range tables {
		dir := filepath.Dir(tf)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			name, err := os.ReadFile(tf)
			require.NoError(t, err)
			tbl := lookupTable(t, strings.TrimSpace(string(name)))
			wantPath := filepath.Join(dir, "want.json")
			for i, f := range []schema.Format{schema.XML, schema.JSON, schema.CSV} {
				body, err := os.ReadFile(filepath.Join(dir, "input."+string(f)))
				if errors.Is(err, os.ErrNotExist) && i > 0 {
					continue
				}
				require.NoError(t, err)
				got := decodeRows(t, tbl, f, body)
				if *update && f == schema.XML {
					require.NoError(t, os.WriteFile(wantPath, []byte(strings.Join(got, "\n")+"\n"), 0o644))
				}
				want, err := os.ReadFile(wantPath)
				require.NoError(t, err)
				require.Equal(t, strings.Split(strings.TrimSuffix(string(want), "\n"), "\n"), got, "%s rows of %s", f, dir)
			}
		})
	}
}

func wantRows(t *testing.T, name string) []map[string]any {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", name, "want.json"))
	require.NoError(t, err)
	var rows []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(string(body)), "\n") {
		rows = append(rows, row(t, l))
	}
	return rows
}

// TestGoldenValues pins, by hand, the values the vendor's samples mean, so that an -update cannot
// quietly bless a regression.
func TestGoldenValues(t *testing.T) {
	g := wantRows(t, "groups")
	require.Len(t, g, 2)
	require.Equal(t, num(122), g[0]["group_id"])
	require.Equal(t, false, g[0]["deleted"])
	require.Equal(t, num(123), g[1]["group_id"])
	require.Equal(t, "East Coast Sales", g[1]["group_name"])
	require.Equal(t, true, g[1]["deleted"])
	require.Equal(t, "acme", g[1]["_source"])
	require.Equal(t, "run-1", g[1]["_run_id"])
	require.Equal(t, "2024-01-02T03:04:05.678Z", g[1]["_extracted_at"])
	require.Equal(t, num(7), g[1]["_version"])
	require.Equal(t, "", g[1]["_extra"])

	a := wantRows(t, "agents")
	require.Len(t, a, 1)
	require.Equal(t, "fred", a[0]["agent_id"])
	require.Equal(t, num(148), a[0]["group_id"])
	require.Equal(t, "2008-03-23", a[0]["date_hired_date"])
	require.Equal(t, false, a[0]["direct_agent_access"])
	require.Equal(t, true, a[0]["enabled"])
	require.Equal(t, "007", a[0]["phone_extension"])
	require.Equal(t, false, a[0]["voice_mail_activated"])
	require.Equal(t, "", a[0]["_extra"])

	act := wantRows(t, "activities")
	require.Len(t, act, 1)
	require.Equal(t, num(133), act[0]["transaction_id"])
	require.Equal(t, "2009-06-04T06:09:04.000Z", act[0]["trans_accept_time"]) // 23:09:04-07:00
	require.Equal(t, "N/A", act[0]["customer_name"])
	require.Nil(t, act[0]["trans_transfer_from"]) // <trans-transfer-from />
	require.Nil(t, act[0]["case_id"])
	require.Equal(t, num(15), act[0]["trans_total_time"])
	require.Equal(t, "S20090604/R200906040609030100.wav", act[0]["recording_filename"])

	in := wantRows(t, "allinteractions")
	require.Len(t, in, 1)
	require.Equal(t, "Phone", in[0]["media_type"])
	require.Equal(t, num(9691000), in[0]["channel_obj_id"])
	require.Equal(t, num(7), in[0]["interaction_id"])
	require.Equal(t, "2011-09-23T01:35:10.000Z", in[0]["create_timestamp"])
	require.Equal(t, "2011-09-23T01:35:30.000Z", in[0]["abandon_timestamp"])
	for _, c := range []string{"orig_interaction_id", "agent_name", "accept_timestamp", "process_time",
		"total_time", "voice_message_left", "record_status", "disposition_code", "notes", "interaction_type"} {
		require.Nil(t, in[0][c], c) // self-closing elements are NULL, numeric ones included
	}
	require.Equal(t, num(0), in[0]["hold_count"])
	require.Equal(t, "N/A, N/A", in[0]["customer_name"])
	require.Equal(t, "", in[0]["_extra"])

	q := wantRows(t, "queues")
	require.Len(t, q, 1)
	require.Equal(t, num(121), q[0]["queue_id"])
	require.Equal(t, true, q[0]["enabled"])
	require.Equal(t, false, q[0]["sla_enabled"])
	require.Equal(t, num(0), q[0]["sla_time"])

	// Queue-shape interactions loaded into vcc_interactions: channel-id and finish-timestamp have
	// no column and are kept in _extra (the empty finish-timestamp as null).
	qi := wantRows(t, "queue_interactions")
	require.Len(t, qi, 1)
	require.Equal(t, true, qi[0]["voice_message_left"])
	require.Nil(t, qi[0]["accept_timestamp"])
	require.Equal(t, `{"channel-id":"12","finish-timestamp":null}`, qi[0]["_extra"])

	// rtstats single agent: the root element is the record; agent-guid loses its newlines; the
	// -1 sentinels are NULL where the column declares them and kept where it does not.
	rt := wantRows(t, "rtstats_agent")
	require.Len(t, rt, 1)
	require.Equal(t, "detestacct801-ag3276621-cb1f16ae-d5a8-4658-a467-e1d9c3b8467f", rt[0]["agent_guid"])
	require.Nil(t, rt[0]["active_customer_chat_count"])
	require.Nil(t, rt[0]["last_login_time"])
	require.Equal(t, num(-1), rt[0]["phone_line1_status"])
	require.Nil(t, rt[0]["status_code_item_id"])
	require.Equal(t, num(206526), rt[0]["time_in_status"])
	ex := extraOf(t, rt[0])
	require.Equal(t, "-1", ex["phone-line2-status"])
	require.Nil(t, ex["status-code-list-id"])
	require.Contains(t, ex, "status-code-list-id")
	require.Equal(t, "none", ex["agent-sub-status"])

	st := wantRows(t, "statuses")
	require.Len(t, st, 1)
	require.Equal(t, "On Break", st[0]["status"]) // the field <status> inside the record <status>
	require.Equal(t, "2009-05-21T21:23:05.000Z", st[0]["event_time"])
	require.Nil(t, st[0]["scl_list_id"])
	require.Equal(t, num(1000), st[0]["transaction_id"])
}

// TestVendorSamplesMalformed: the documentation samples that are not well-formed, verbatim. Each
// fails with ErrMalformed at the right line, and appends nothing.
func TestVendorSamplesMalformed(t *testing.T) {
	tests := []struct {
		file   string
		table  *schema.Table
		line   int
		record int
		msg    string
	}{
		{"groups_placeholder.xml", schema.VCCGroups, 17, 3, `text "... \n    </group>\n</grou" directly inside <group>`},
		{"agents_placeholder.xml", schema.VCCAgents, 20, 2, `text "... \n    </agent>\n\n</age" directly inside <agent>`},
		{"interactions_agent_shape.xml", schema.VCCInteractions, 13, 1, "mismatched end tag </post-proc-time>, want </post-process-time>"},
		{"interactions_campaign_shape.xml", schema.VCCInteractions, 24, 1, "mismatched end tag </recording-filename>, want </recordinf-filename>"},
		{"records_root_close.xml", testRecords, 16, 2, `text "...\n    </record>\n\n</rec" directly inside <record>`},
		{"status_statistics.xml", testStatuses, 19, 0, "unexpected element <statuses> in <statuses>, want <status>"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "malformed", tt.file))
			require.NoError(t, err)
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			b := NewBuilder(mem, tt.table, testLineage)
			defer b.Release()
			n, err := Decode(schema.XML, body, b)
			require.ErrorIs(t, err, ErrMalformed)
			require.Zero(t, n)
			require.Zero(t, b.Len())
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			require.Equal(t, schema.XML, de.Format)
			require.Equal(t, tt.line, de.Line, "%v", err)
			require.Equal(t, tt.record, de.Record, "%v", err)
			require.Contains(t, err.Error(), tt.msg)
		})
	}
}
