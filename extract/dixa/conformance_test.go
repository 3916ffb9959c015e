package dixa_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/dixa"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/schema"
)

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

// The conformance suite (STYLE.md 13): every dixa stream passes the same tests for paging, auth
// errors, empty windows, 429/503 retries, permanent failures and cancellation, against the
// sandbox.

type streamCase struct {
	name  string
	mode  extract.Mode
	fault string // sandbox path prefix of the stream's first request
	// tables the stream feeds, with the columns of their natural key
	tables map[*schema.Table][]string
}

var streamCases = []streamCase{
	{"agents", extract.Dimension, "/dixa/v1/agents", map[*schema.Table][]string{schema.DixaAgents: {"id"}}},
	{"teams", extract.Dimension, "/dixa/v1/teams", map[*schema.Table][]string{schema.DixaTeams: {"id"}, schema.DixaTeamMembers: {"team_id", "id"}}},
	{"queues", extract.Dimension, "/dixa/v1/queues", map[*schema.Table][]string{schema.DixaQueues: {"id"}, schema.DixaQueueMembers: {"queue_id", "agent_id"}}},
	{"tags", extract.Dimension, "/dixa/v1/tags", map[*schema.Table][]string{schema.DixaTags: {"id"}}},
	{"end_users", extract.Dimension, "/dixa/v1/endusers", map[*schema.Table][]string{schema.DixaEndUsers: {"id"}}},
	{"custom_attributes", extract.Dimension, "/dixa/v1/custom-attributes", map[*schema.Table][]string{schema.DixaCustomAttributes: {"id"}}},
	{"contact_endpoints", extract.Dimension, "/dixa/v1/contact-endpoints", map[*schema.Table][]string{schema.DixaContactEndpoints: {"_type", "address", "number"}}},
	{"analytics_metrics", extract.Dimension, "/dixa/v1/analytics/metrics", map[*schema.Table][]string{schema.DixaAnalyticsMetrics: {"id"}}},
	{"analytics_record_types", extract.Dimension, "/dixa/v1/analytics/records", map[*schema.Table][]string{schema.DixaAnalyticsRecordTypes: {"id"}}},
	{"analytics_filter_values", extract.Dimension, "/dixa/v1/analytics/filter", map[*schema.Table][]string{schema.DixaAnalyticsFilterValues: {"filter_attribute", "value"}}},
	{"metric_values", extract.Incremental, "/dixa/v1/analytics/metrics", map[*schema.Table][]string{schema.DixaAnalyticsMetricValues: {"id", "filters", "interval_start", "measure"}}},
	{"records", extract.Incremental, "/dixa/v1/analytics/records", map[*schema.Table][]string{schema.DixaAnalyticsRecords: {"record_id", "primary_timestamp_field_timestamp", "record_key", "name"}}},
	{"conversations", extract.Incremental, "/dixa/v1/conversations", map[*schema.Table][]string{
		schema.DixaActivityLog: {"id"}, schema.DixaConversations: {"id"}, schema.DixaMessages: {"conversation_id", "id"},
		schema.DixaNotes: {"csid", "id"}, schema.DixaRatings: {"conversation_id", "id"}, schema.DixaConversationTags: {"conversation_id", "id"}}},
}

// window3 spans three days of conversations.
var window3 = extract.Window{From: day(5), To: day(8)}

func windowFor(sc streamCase) extract.Window {
	if sc.mode == extract.Dimension {
		return extract.Window{}
	}
	return window3
}

// metricRows is how many metric values testMetrics give over w (daily intervals in UTC).
func metricRows(w extract.Window) int {
	days := int(w.To.Sub(w.From) / (24 * time.Hour))
	n := 0
	for _, m := range testMetrics {
		n += days * len(m.Aggregations)
	}
	return n
}

func TestConformancePaging(t *testing.T) {
	e := newEnv(t, 1)
	for _, sc := range streamCases {
		t.Run(sc.name, func(t *testing.T) {
			st, err := e.source(t, dixa.Config{}, fastHTTP()).Stream(sc.name)
			require.NoError(t, err)
			require.Equal(t, sc.mode, st.Mode())
			w := windowFor(sc)
			d := newDecoder(t)
			require.NoError(t, st.Fetch(context.Background(), w, d.emit))
			want := e.sb.DixaCounts(w, []string{"conversations", "ratings"})
			want[schema.DixaAnalyticsMetricValues.Name] = metricRows(w)
			for tb, key := range sc.tables {
				rows := d.rows(tb)
				require.Positive(t, want[tb.Name], tb.Name)
				require.Len(t, rows, want[tb.Name], tb.Name)
				keys := keysOf(rows, key...)
				require.Len(t, keys, want[tb.Name], "%s: every row once by its key", tb.Name)
			}
			require.Equal(t, int32(1), d.maxEmit.Load(), "emit is never called concurrently")
			for _, p := range d.pages {
				require.Equal(t, "acme", p.Source)
				require.Equal(t, sc.name, p.Stream)
				require.Equal(t, schema.JSON, p.Format)
				require.Equal(t, 200, p.Status)
				require.Contains(t, sc.tables, p.Table)
				require.NotContains(t, p.Request, sandbox.DefaultToken)
			}
		})
	}
}

func TestConformancePagesByPageKey(t *testing.T) {
	for _, top := range []bool{false, true} {
		e := newEnv(t, 1)
		e.sb.SetDixaTopLevelPageKey(top)
		st, err := e.source(t, dixa.Config{}, fastHTTP()).Stream("records")
		require.NoError(t, err)
		d := newDecoder(t)
		require.NoError(t, st.Fetch(context.Background(), window3, d.emit))
		posts := e.requests("POST /dixa/v1/analytics/records")
		require.Greater(t, len(posts), 4, "several pages")
		var bodies int
		for i, p := range posts {
			u, err := url.Parse(p[len("POST "):])
			require.NoError(t, err)
			require.Equal(t, "7", u.Query().Get("pageLimit"))
			if i == 0 {
				require.False(t, u.Query().Has("pageKey"))
			}
			if u.Query().Has("pageKey") {
				bodies++
			}
		}
		require.Positive(t, bodies)
		require.Len(t, d.rows(schema.DixaAnalyticsRecords), e.sb.DixaCounts(window3, []string{"conversations", "ratings"})[schema.DixaAnalyticsRecords.Name])
	}
}

func TestConformanceAuthErrors(t *testing.T) {
	e := newEnv(t, 1)
	for _, sc := range streamCases {
		t.Run(sc.name, func(t *testing.T) {
			st, err := e.source(t, dixa.Config{Token: "wrong-token"}, fastHTTP()).Stream(sc.name)
			require.NoError(t, err)
			err = st.Fetch(context.Background(), windowFor(sc), newDecoder(t).emit)
			require.ErrorIs(t, err, extract.ErrAuth)
			var fe *extract.FetchError
			require.ErrorAs(t, err, &fe)
			require.Equal(t, 401, fe.Status)
			require.NotContains(t, err.Error(), "wrong-token")
		})
	}
}

func TestAuthPrefix(t *testing.T) {
	e := newEnv(t, 1)
	for _, prefix := range []string{"", "Bearer"} {
		st, err := e.source(t, dixa.Config{AuthPrefix: prefix}, fastHTTP()).Stream("tags")
		require.NoError(t, err)
		require.NoError(t, st.Fetch(context.Background(), extract.Window{}, newDecoder(t).emit), prefix)
	}
	st, err := e.source(t, dixa.Config{AuthPrefix: "Token"}, fastHTTP()).Stream("tags")
	require.NoError(t, err)
	require.ErrorIs(t, st.Fetch(context.Background(), extract.Window{}, newDecoder(t).emit), extract.ErrAuth)
}

func TestConformanceEmptyAndMissingWindows(t *testing.T) {
	e := newEnv(t, 1)
	for _, sc := range streamCases {
		if sc.mode != extract.Incremental {
			continue
		}
		t.Run(sc.name, func(t *testing.T) {
			st, err := e.source(t, dixa.Config{}, fastHTTP()).Stream(sc.name)
			require.NoError(t, err)
			d := newDecoder(t)
			require.NoError(t, st.Fetch(context.Background(), extract.Window{From: day(5), To: day(5)}, d.emit))
			require.Empty(t, d.pages)
			err = st.Fetch(context.Background(), extract.Window{}, d.emit)
			require.ErrorIs(t, err, extract.ErrNoWindow)
			// A window before any data: pages, but no rows.
			old := extract.Window{From: day(1).AddDate(-1, 0, 0), To: day(1).AddDate(-1, 0, 1)}
			require.NoError(t, st.Fetch(context.Background(), old, d.emit))
			for tb := range sc.tables {
				if tb != schema.DixaAnalyticsMetricValues {
					require.Empty(t, d.rows(tb), tb.Name)
				}
			}
		})
	}
}

func TestConformanceRetries(t *testing.T) {
	for _, status := range []int{429, 503} {
		for _, sc := range streamCases {
			t.Run(sc.name, func(t *testing.T) {
				e := newEnv(t, 1)
				e.sb.Faults().Inject(sc.fault, sandbox.Fault{Status: status, RetryAfter: "0", Times: 2})
				st, err := e.source(t, dixa.Config{}, fastHTTP()).Stream(sc.name)
				require.NoError(t, err)
				d := newDecoder(t)
				require.NoError(t, st.Fetch(context.Background(), windowFor(sc), d.emit))
				retries := 0
				for _, p := range d.pages {
					retries += p.Retries
				}
				require.Equal(t, 2, retries)
				want := e.sb.DixaCounts(windowFor(sc), []string{"conversations", "ratings"})
				want[schema.DixaAnalyticsMetricValues.Name] = metricRows(windowFor(sc))
				for tb := range sc.tables {
					require.Len(t, d.rows(tb), want[tb.Name], tb.Name)
				}
			})
		}
	}
}

func TestConformancePermanentFailure(t *testing.T) {
	for _, sc := range streamCases {
		t.Run(sc.name, func(t *testing.T) {
			e := newEnv(t, 1)
			e.sb.Faults().Inject(sc.fault, sandbox.Fault{Status: 500})
			st, err := e.source(t, dixa.Config{}, fastHTTP()).Stream(sc.name)
			require.NoError(t, err)
			err = st.Fetch(context.Background(), windowFor(sc), newDecoder(t).emit)
			var fe *extract.FetchError
			require.ErrorAs(t, err, &fe)
			require.Equal(t, 500, fe.Status)
			require.Equal(t, sc.name, fe.Stream)
			var se *httpx.StatusError
			require.ErrorAs(t, err, &se)
		})
	}
}

func TestConformanceCancellation(t *testing.T) {
	for _, sc := range streamCases {
		t.Run(sc.name, func(t *testing.T) {
			e := newEnv(t, 1)
			e.sb.Faults().Inject("/dixa/", sandbox.Fault{Delay: 5 * time.Second})
			st, err := e.source(t, dixa.Config{}, fastHTTP()).Stream(sc.name)
			require.NoError(t, err)
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			start := time.Now()
			err = st.Fetch(ctx, windowFor(sc), newDecoder(t).emit)
			require.Error(t, err)
			require.True(t, errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled), err.Error())
			require.Less(t, time.Since(start), 2*time.Second)
		})
	}
}

// TestMalformedBodyReachesEmitAsSent: a body that is not JSON goes to emit exactly as the vendor
// sent it (so the pipeline's decoder rejects it and the quarantine keeps those bytes), and the
// fetch fails with ErrShape.
func TestMalformedBodyReachesEmitAsSent(t *testing.T) {
	e := newEnv(t, 1)
	e.sb.Faults().Inject("/dixa/v1/tags", sandbox.Fault{Malformed: true})
	st, err := e.source(t, dixa.Config{}, fastHTTP()).Stream("tags")
	require.NoError(t, err)
	var got []*extract.Page
	err = st.Fetch(context.Background(), extract.Window{}, func(_ context.Context, p *extract.Page) (int, error) {
		got = append(got, p)
		return 0, nil
	})
	require.ErrorIs(t, err, dixa.ErrShape)
	require.Len(t, got, 1)
	require.Contains(t, string(got[0].Body), "</post-proc-time>")
	require.Contains(t, string(got[0].Body), "<?xml")
}

// TestConversationsFanOutIsBounded: conversations are fetched Concurrency at a time, and every
// conversation with activity in the window is fetched once.
func TestConversationsFanOutIsBounded(t *testing.T) {
	e := newEnv(t, 1)
	e.sb.Faults().Inject("/dixa/v1/conversations/1", sandbox.Fault{Delay: 20 * time.Millisecond})
	st, err := e.source(t, dixa.Config{Concurrency: 3}, fastHTTP()).Stream("conversations")
	require.NoError(t, err)
	d := newDecoder(t)
	require.NoError(t, st.Fetch(context.Background(), window3, d.emit))
	require.LessOrEqual(t, e.maxIn.Load(), int32(3))
	require.Greater(t, e.maxIn.Load(), int32(1), "fetched concurrently")
	ids := e.sb.DixaConversationIDs(window3)
	require.NotEmpty(t, ids)
	for _, id := range ids {
		require.Len(t, e.requests("GET /dixa/v1/conversations/"+strconv.FormatInt(id, 10)+"/messages"), 1)
	}
}

func TestConfigErrors(t *testing.T) {
	e := newEnv(t, 1)
	client := httpx.New(fastHTTP(), zerolog.Nop())
	for _, c := range []dixa.Config{
		{Source: "", Token: "t"},
		{Source: "s"},
		{Source: "s", Token: "t", BaseURL: "ftp://x"},
		{Source: "s", Token: "t", Timezone: "Mars/Olympus"},
		{Source: "s", Token: "t", Interval: time.Second},
		{Source: "s", Token: "t", PageLimit: -1},
		{Source: "s", Token: "t", Metrics: []dixa.Metric{{}}},
		{Source: "s", Token: "t\r\nX-Evil: 1"},
	} {
		_, err := dixa.New(c, client, zerolog.Nop())
		require.ErrorIs(t, err, dixa.ErrConfig, "%+v", c)
	}
	_, err := e.source(t, dixa.Config{}, fastHTTP()).Stream("nope")
	require.ErrorIs(t, err, dixa.ErrUnknownStream)
}

// TestConversationGoneIsSkipped: a conversation that answers 404 is skipped; the others and the
// activity log load.
func TestConversationGoneIsSkipped(t *testing.T) {
	e := newEnv(t, 1)
	ids := e.sb.DixaConversationIDs(window3)
	gone := "/dixa/v1/conversations/" + strconv.FormatInt(ids[0], 10)
	e.sb.Faults().Inject(gone, sandbox.Fault{Status: 404, Times: 1})
	st, err := e.source(t, dixa.Config{}, fastHTTP()).Stream("conversations")
	require.NoError(t, err)
	d := newDecoder(t)
	require.NoError(t, st.Fetch(context.Background(), window3, d.emit))
	require.Len(t, d.rows(schema.DixaConversations), len(ids)-1)
	require.Len(t, d.rows(schema.DixaActivityLog), e.sb.DixaCounts(window3, nil)[schema.DixaActivityLog.Name])
	require.Empty(t, e.requests("GET "+gone+"/messages"))
}
