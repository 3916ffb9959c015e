package cpaas_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/cpaas"
	"github.com/ccwh/ccwh/schema"
)

var statsCases = []struct {
	stream string
	table  *schema.Table
	key    string
}{
	{"workflow_definitions", schema.CPaaSWorkflowDefinitions, "id"},
	{"workflow_instances", schema.CPaaSWorkflowInstances, "workflow_id"},
	{"automation_usage_history", schema.CPaaSAutomationUsageHistory, "month"},
	{"automation_usage", schema.CPaaSAutomationUsage, "account_id"},
	{"voice_numbers", schema.CPaaSVoiceNumbers, "msisdn"},
	{"sms_balance", schema.CPaaSSMSBalance, "account_id"},
}

// TestConformanceStatsStreams: every automation and account stream loads exactly the sandbox's
// records, paging limit/offset through small pages; instances of every version, not only the
// latest, and the errors of Terminated instances.
func TestConformanceStatsStreams(t *testing.T) {
	w := extract.Window{From: day(2), To: day(5)}
	for _, tc := range statsCases {
		t.Run(tc.stream, func(t *testing.T) {
			e := newEnv(t)
			cfg := e.config()
			cfg.PageSize = 7
			st := e.stream(t, cfg, tc.stream)
			c := newCollector(t)
			require.NoError(t, st.Fetch(context.Background(), w, c.emit))
			truth := e.sb.CPaaSAutomationCounts(w)
			rows := c.rows(tc.table)
			require.Len(t, rows, truth[tc.table.Name])
			for _, r := range rows {
				require.NotNil(t, r[tc.key])
				require.Empty(t, r["_extra"] == "x")
			}
			if tc.stream == "workflow_instances" {
				versions := map[any]bool{}
				for _, r := range rows {
					versions[r["version"]] = true
					require.Equal(t, "acme_sub", r["sub_account_id"], "data.subAccountId and data.subaccountId")
					require.NotNil(t, r["triggered_at"])
					require.Contains(t, r["payload"], "Hello, world!")
					if r["status"] == "Runnable" {
						require.Nil(t, r["completed_at"])
					}
				}
				require.Len(t, versions, 3, "instances of every version")
				errs := c.rows(schema.CPaaSWorkflowInstanceErrors)
				require.Len(t, errs, truth["cpaas_workflow_instance_errors"])
				require.Positive(t, len(errs))
				require.Equal(t, "Invalid subaccount id.", errs[0]["message"])
			}
			if tc.stream == "workflow_definitions" {
				latest := 0
				for _, r := range rows {
					require.NotEmpty(t, r["name"], "name from definition.name")
					require.Equal(t, "acme_sub", r["sub_account_id"], "subaccountId spelling")
					require.EqualValues(t, 2, r["step_count"])
					if r["ccwh_latest"] == true {
						latest++
					}
				}
				require.Equal(t, 3, latest)
			}
		})
	}
}

// TestGoldenDefinitionShapes: the spec's definition example (§5.7, ids inside definition,
// subaccountId) and the schema's shape flatten to the same columns.
func TestGoldenDefinitionShapes(t *testing.T) {
	example := `[{"accountId":"8x8_test_account","subaccountId":"8x8_test_subaccount","trigger":"inbound_chat_apps","status":"enabled","createdAt":"2021-07-12T04:49:30.27Z","definition":{"id":"ae54eaf1-b86d-43c5-8982-2818f9bbe52c","name":"Send automatic reply","version":1,"steps":[{"id":"step1","stepType":"Wait","inputs":{"duration":"00:02:00"},"nextStepId":"step2"}]}}]`
	schemaShape := `[{"id":"ae54eaf1-b86d-43c5-8982-2818f9bbe52c","version":1,"accountId":"8x8_test_account","subAccountId":"8x8_test_subaccount","trigger":"inbound_chat_apps","status":"enabled","createdAt":"2021-07-12T04:49:30.27Z","definition":{"name":"Send automatic reply","steps":[{"id":"step1","stepType":"Wait","inputs":{"duration":"00:02:00"},"nextStepId":"step2"}]}}]`
	var got []map[string]any
	for _, body := range []string{example, schemaShape} {
		recs := cpaas.FlattenDefinitions(t, []byte(body))
		c := newCollector(t)
		b, _ := json.Marshal(recs)
		_, err := c.emit(context.Background(), &extract.Page{Source: "s", Table: schema.CPaaSWorkflowDefinitions, Format: schema.JSON, Body: b})
		require.NoError(t, err)
		rows := c.rows(schema.CPaaSWorkflowDefinitions)
		require.Len(t, rows, 1)
		delete(rows[0], "_extracted_at")
		got = append(got, rows[0])
	}
	require.Equal(t, got[0], got[1])
	r := got[0]
	require.Equal(t, "ae54eaf1-b86d-43c5-8982-2818f9bbe52c", r["id"])
	require.EqualValues(t, 1, r["version"])
	require.Equal(t, "Send automatic reply", r["name"])
	require.Equal(t, "8x8_test_subaccount", r["sub_account_id"])
	require.Equal(t, "2021-07-12 04:49:30.27Z", r["created_at"])
	require.JSONEq(t, `[{"id":"step1","stepType":"Wait","inputs":{"duration":"00:02:00"},"nextStepId":"step2"}]`, r["steps"].(string))
	require.Equal(t, "", r["_extra"])
}

// TestGoldenInstanceExample: the spec's instance example (§5.2) and errors example (§5.4).
func TestGoldenInstanceExample(t *testing.T) {
	body := `[{"workflowId":"60dbe307fe55d99fc083db61","data":{"payload":{"umid":"9e09ac86-bd74-5465-851d-1eb5a5fdbb9a","user":{"channelUserId":"test_user_id","name":"test_user_name"},"content":{"text":"Hello, world!"}},"accountId":"test_account_id","subAccountId":"test_subaccount_id","triggeredAt":"2021-06-30T03:20:39.3857479Z"},"definitionId":"5870442f-3ddd-4657-b74c-6e17308f5230","version":1,"status":"Complete","startedAt":"2021-06-30T03:20:39.49Z","completedAt":"2021-06-30T03:21:25.83Z"}]`
	recs := cpaas.FlattenInstances(t, []byte(body))
	c := newCollector(t)
	b, _ := json.Marshal(recs)
	n, err := c.emit(context.Background(), &extract.Page{Source: "s", Table: schema.CPaaSWorkflowInstances, Format: schema.JSON, Body: b})
	require.NoError(t, err)
	require.Equal(t, 1, n)
	r := c.rows(schema.CPaaSWorkflowInstances)[0]
	require.Equal(t, "60dbe307fe55d99fc083db61", r["workflow_id"])
	require.Equal(t, "test_subaccount_id", r["sub_account_id"])
	require.Equal(t, "2021-06-30 03:20:39.385Z", r["triggered_at"])
	require.Equal(t, "2021-06-30 03:21:25.83Z", r["completed_at"])
	require.JSONEq(t, `{"umid":"9e09ac86-bd74-5465-851d-1eb5a5fdbb9a","user":{"channelUserId":"test_user_id","name":"test_user_name"},"content":{"text":"Hello, world!"}}`, r["payload"].(string))
	require.Equal(t, "", r["_extra"])
}

// TestSMSBalanceNotPrepaid: error 1201 (§6.1) is "no balance to load", not a failure; other
// errors still fail.
func TestSMSBalanceNotPrepaid(t *testing.T) {
	for _, tc := range []struct {
		body    string
		wantErr bool
	}{
		{`{"code":1201,"message":"Account not in prepaid mode","errorId":"e","timestamp":"2020-07-06T07:07:00.30Z"}`, false},
		{`{"code":2000,"message":"Internal server error","errorId":"e","timestamp":"2020-07-06T07:07:00.30Z"}`, true},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, tc.body)
		}))
		e := &env{}
		cfg := cpaas.Config{Source: "s", APIKey: "k", AccountID: "a", SMSURL: srv.URL}
		c := newCollector(t)
		err := e.stream(t, cfg, "sms_balance").Fetch(context.Background(), extract.Window{}, c.emit)
		srv.Close()
		if tc.wantErr {
			require.ErrorContains(t, err, "8x8 error 2000: Internal server error")
			continue
		}
		require.NoError(t, err)
		require.Empty(t, c.pages)
	}
}

// TestConformanceStatsFailures: wrong key → ErrAuth on every stats stream; 429 and 503 are
// retried; a cancelled context stops the stream with its error.
func TestConformanceStatsFailures(t *testing.T) {
	w := extract.Window{From: day(2), To: day(3)}
	for _, tc := range statsCases {
		t.Run(tc.stream+"/auth", func(t *testing.T) {
			e := newEnv(t)
			cfg := e.config()
			cfg.APIKey = "wrong"
			err := e.stream(t, cfg, tc.stream).Fetch(context.Background(), w, newCollector(t).emit)
			require.ErrorIs(t, err, extract.ErrAuth)
			require.NotContains(t, err.Error(), "wrong")
		})
		t.Run(tc.stream+"/retries", func(t *testing.T) {
			e := newEnv(t)
			e.sb.Faults().Inject("/cpaas/", sandboxFault(429, 1))
			e.sb.Faults().Inject("/cpaas/", sandboxFault(503, 1))
			c := newCollector(t)
			require.NoError(t, e.stream(t, e.config(), tc.stream).Fetch(context.Background(), w, c.emit))
			require.Len(t, c.rows(tc.table), e.sb.CPaaSAutomationCounts(w)[tc.table.Name])
		})
		t.Run(tc.stream+"/cancel", func(t *testing.T) {
			e := newEnv(t)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			err := e.stream(t, e.config(), tc.stream).Fetch(ctx, w, newCollector(t).emit)
			require.ErrorIs(t, err, context.Canceled)
		})
	}
}
