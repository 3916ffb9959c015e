package cpaas_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/cpaas"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/schema"
)

var logCases = []struct {
	family, stream string
	table          *schema.Table
	key            string // column holding the vendor key
}{
	{"chatapps", "chatapps_message_logs", schema.CPaaSChatAppsMessageLogs, "umid"},
	{"sms", "sms_message_logs", schema.CPaaSSMSMessageLogs, "umid"},
	{"voice", "voice_call_logs", schema.CPaaSVoiceCallLogs, "call_id"},
}

// TestConformanceExportLoadsEveryFile: one job per window, polled through queued and running,
// both CSV files downloaded and re-paged, every row typed and keyed, the job recorded.
func TestConformanceExportLoadsEveryFile(t *testing.T) {
	for _, tc := range logCases {
		t.Run(tc.stream, func(t *testing.T) {
			e := newEnv(t)
			w := extract.Window{From: day(2), To: day(3)}
			c := newCollector(t)
			require.NoError(t, e.stream(t, e.config(), tc.stream).Fetch(context.Background(), w, c.emit))

			want := e.sb.CPaaSLogCount(tc.family, w)
			require.Greater(t, want, 100, "several pages of 100 rows")
			rows := c.rows(tc.table)
			require.Len(t, rows, want)
			keys := map[string]bool{}
			for _, r := range rows {
				require.NotEmpty(t, r[tc.key])
				require.Equal(t, r[tc.key], r["ccwh_row_key"], "the vendor key is the row key")
				require.NotNil(t, r["timestamp"])
				keys[r["ccwh_row_key"].(string)] = true
			}
			require.Len(t, keys, want, "keys are unique")

			jobs := c.rows(schema.CPaaSExportJobs)
			require.Len(t, jobs, 1)
			j := jobs[0]
			require.Equal(t, "succeeded", j["status"])
			require.Equal(t, tc.family, j["family"])
			require.EqualValues(t, 2, j["files"])
			require.EqualValues(t, want, j["rows"])
			require.EqualValues(t, 3, j["polls"], "queued, running, succeeded")
			require.NotNil(t, j["expires"])
			for _, r := range rows {
				require.Equal(t, j["job_id"], r["ccwh_export_job_id"])
			}
			require.Equal(t, 1, e.count("POST"))
			require.Equal(t, 0, e.count("DELETE"))
			require.GreaterOrEqual(t, len(c.pages), 3, "two files and the job")
		})
	}
}

// TestConformanceHeaderByName: headers match typed columns by name whatever their spelling;
// unknown columns (added by the vendor) land in _extra and never fail the load.
func TestConformanceHeaderByName(t *testing.T) {
	e := newEnv(t)
	c := newCollector(t)
	require.NoError(t, e.stream(t, e.config(), "chatapps_message_logs").Fetch(context.Background(), extract.Window{From: day(2), To: day(2).Add(time.Hour)}, c.emit))
	rows := c.rows(schema.CPaaSChatAppsMessageLogs)
	require.NotEmpty(t, rows)
	r := rows[0]
	require.NotEmpty(t, r["status_detail"] == nil) // "Status Detail" → statusDetail (empty → NULL)
	require.NotEmpty(t, r["sub_account_id"])       // "SubAccountId" → subAccountId
	require.Contains(t, r["_extra"], `"ClientMessageId"`)
	require.Equal(t, "He*** wo***, \"quoted\"", r["content"], "masked content is kept as delivered")
	require.InDelta(t, 0.005, r["price"], 1e-9)
}

// TestConformanceEmptyJob: a job that ends "empty" is a successful window with zero rows, and
// the job is still recorded.
func TestConformanceEmptyJob(t *testing.T) {
	e := newEnv(t)
	c := newCollector(t)
	w := extract.Window{From: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC)}
	require.NoError(t, e.stream(t, e.config(), "chatapps_message_logs").Fetch(context.Background(), w, c.emit))
	require.Empty(t, c.rows(schema.CPaaSChatAppsMessageLogs))
	jobs := c.rows(schema.CPaaSExportJobs)
	require.Len(t, jobs, 1)
	require.Equal(t, "empty", jobs[0]["status"])
	require.EqualValues(t, 0, jobs[0]["files"])

	// An empty window ([t, t)) starts no job; the zero window is an error.
	require.NoError(t, e.stream(t, e.config(), "chatapps_message_logs").Fetch(context.Background(), extract.Window{From: day(2), To: day(2)}, c.emit))
	require.Equal(t, 1, e.count("POST"))
	err := e.stream(t, e.config(), "chatapps_message_logs").Fetch(context.Background(), extract.Window{}, c.emit)
	require.ErrorIs(t, err, extract.ErrNoWindow)
}

// TestConformanceJobFails: failed, error and cancelled end the window with an error naming the
// job id; no log rows are loaded, only the job's own record (cpaas_export_jobs keeps it).
func TestConformanceJobFails(t *testing.T) {
	for _, status := range []string{"failed", "error", "cancelled"} {
		t.Run(status, func(t *testing.T) {
			e := newEnv(t)
			e.sb.CPaaS().ScriptJobs(status)
			c := newCollector(t)
			err := e.stream(t, e.config(), "sms_message_logs").Fetch(context.Background(), extract.Window{From: day(2), To: day(3)}, c.emit)
			require.ErrorIs(t, err, cpaas.ErrJobFailed)
			jobs := e.sb.CPaaS().Jobs()
			require.Len(t, jobs, 1)
			id := strings.Split(jobs[0], ":")[0]
			require.ErrorContains(t, err, id)
			require.ErrorContains(t, err, `"`+status+`"`)
			var fe *extract.FetchError
			require.ErrorAs(t, err, &fe)
			require.Equal(t, "job="+id, fe.Entity)
			require.Len(t, c.pages, 1, "only the job's record")
			require.Equal(t, schema.CPaaSExportJobs, c.pages[0].Table)
			require.Contains(t, string(c.pages[0].Body), status)
			require.Equal(t, 0, e.count("DELETE"), "a final job needs no cancel")
		})
	}
}

// TestConformanceAuthRejected: a wrong key fails with extract.ErrAuth and the vendor's message.
func TestConformanceAuthRejected(t *testing.T) {
	e := newEnv(t)
	cfg := e.config()
	cfg.APIKey = "wrong"
	err := e.stream(t, cfg, "chatapps_message_logs").Fetch(context.Background(), extract.Window{From: day(2), To: day(3)}, newCollector(t).emit)
	require.ErrorIs(t, err, extract.ErrAuth)
	require.ErrorContains(t, err, "8x8 error 1200: Request was not authenticated properly")
	require.NotContains(t, err.Error(), "wrong")
	var ae *cpaas.APIError
	require.ErrorAs(t, err, &ae)
}

// TestConformanceRecovers: 429 on start, 503 on status and a connection reset in the middle of
// a file are retried; the load is complete.
func TestConformanceRecovers(t *testing.T) {
	e := newEnv(t)
	f := e.sb.Faults()
	f.Inject("/cpaas/chatapps/api/v1/subaccounts/acme_sub/messages/exports/", sandbox.Fault{Status: 503, Times: 2})
	f.Inject("/cpaas/chatapps/api/v1/subaccounts/acme_sub/messages/exports", sandbox.Fault{Status: 429, RetryAfter: "0", Times: 1})
	f.Inject("/cpaas/files/", sandbox.Fault{ResetConn: true, Times: 1})
	c := newCollector(t)
	w := extract.Window{From: day(2), To: day(3)}
	require.NoError(t, e.stream(t, e.config(), "chatapps_message_logs").Fetch(context.Background(), w, c.emit))
	require.Len(t, c.rows(schema.CPaaSChatAppsMessageLogs), e.sb.CPaaSLogCount("chatapps", w))
	require.Len(t, e.sb.CPaaS().Jobs(), 1, "the retried POST started one job (429 was before the job)")
}

// TestConformanceCancellation: cancelling the run while the job is running cancels the job
// upstream (DELETE) and returns the context's error.
func TestConformanceCancellation(t *testing.T) {
	e := newEnv(t)
	e.sb.CPaaS().SetPollsToFinish(1 << 30)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(100 * time.Millisecond); cancel() }()
	err := e.stream(t, e.config(), "voice_call_logs").Fetch(ctx, extract.Window{From: day(2), To: day(3)}, newCollector(t).emit)
	require.ErrorIs(t, err, context.Canceled)
	require.Equal(t, 1, e.count("DELETE"))
	require.Len(t, e.sb.CPaaS().Jobs(), 1)
	require.True(t, strings.HasSuffix(e.sb.CPaaS().Jobs()[0], ":deleted"))
}

// TestConformanceJobTimeout: a job still running at the deadline is cancelled and the window
// fails with ErrJobTimeout.
func TestConformanceJobTimeout(t *testing.T) {
	e := newEnv(t)
	e.sb.CPaaS().SetPollsToFinish(1 << 30)
	cfg := e.config()
	cfg.ExportTimeout = 80 * time.Millisecond
	err := e.stream(t, cfg, "chatapps_message_logs").Fetch(context.Background(), extract.Window{From: day(2), To: day(3)}, newCollector(t).emit)
	require.ErrorIs(t, err, cpaas.ErrJobTimeout)
	require.ErrorContains(t, err, `still "running"`)
	require.Equal(t, 1, e.count("DELETE"))
}

// TestConformanceExpiredLink: a link past its expiry fails the window and says so.
func TestConformanceExpiredLink(t *testing.T) {
	e := newEnv(t)
	e.sb.CPaaS().SetLinkTTL(-time.Hour)
	err := e.stream(t, e.config(), "chatapps_message_logs").Fetch(context.Background(), extract.Window{From: day(2), To: day(3)}, newCollector(t).emit)
	require.ErrorContains(t, err, "download link expired")
	require.ErrorContains(t, err, "HTTP 403")
	require.Contains(t, err.Error(), "signature=REDACTED", "the link's signature is never shown")
}

// TestConformanceNeedsSubAccount: the log streams need sub_account_id.
func TestConformanceNeedsSubAccount(t *testing.T) {
	e := newEnv(t)
	cfg := e.config()
	cfg.SubAccountID = ""
	err := e.stream(t, cfg, "chatapps_message_logs").Fetch(context.Background(), extract.Window{From: day(2), To: day(3)}, newCollector(t).emit)
	require.ErrorIs(t, err, cpaas.ErrConfig)
	require.Empty(t, e.requests())
}
