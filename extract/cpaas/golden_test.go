package cpaas_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/cpaas"
	"github.com/ccwh/ccwh/schema"
)

// TestGoldenErrorBodies: every error body the spec lists (§3.3, §6.1, §11) decodes.
func TestGoldenErrorBodies(t *testing.T) {
	cases := []struct {
		name, body string
		want       cpaas.APIError
	}{
		{"cancel 4018 (L6814)", `{"code":4018,"message":"Invalid jobId","errorId":"aa400d4b-fffe-ea11-8277-00155d4ff7ed","timestamp":"2020-09-25T07:18:22.78Z"}`,
			cpaas.APIError{Code: 4018, Message: "Invalid jobId", ErrorID: "aa400d4b-fffe-ea11-8277-00155d4ff7ed", Timestamp: "2020-09-25T07:18:22.78Z"}},
		{"sms 429 (L4094)", `{"code":429,"message":"Quota exceeded. Please try again in 1 second(s).","errorId":"c8a41b47-57bf-ea11-8273-00155d466a31","timestamp":"2020-07-06T07:07:00.30Z"}`,
			cpaas.APIError{Code: 429, Message: "Quota exceeded. Please try again in 1 second(s).", ErrorID: "c8a41b47-57bf-ea11-8273-00155d466a31", Timestamp: "2020-07-06T07:07:00.30Z"}},
		{"prepaid 1201", `{"code":1201,"message":"Account not in prepaid mode","errorId":"x","timestamp":"2017-04-19T02:31:19.4297387+00:00"}`,
			cpaas.APIError{Code: 1201, Message: "Account not in prepaid mode", ErrorID: "x", Timestamp: "2017-04-19T02:31:19.4297387+00:00"}},
		{"automation 1300", `{"code":1300,"message":"Definition 5870442f-3ddd-4657-b74c-6e17308f5230 not found.","errorId":"e","timestamp":"2021-07-13T01:28:37.66Z"}`,
			cpaas.APIError{Code: 1300, Message: "Definition 5870442f-3ddd-4657-b74c-6e17308f5230 not found.", ErrorID: "e", Timestamp: "2021-07-13T01:28:37.66Z"}},
		{"automation 5001", `{"code":5001,"message":"Workflow name is required.","errorId":"e","timestamp":"2021-07-13T01:28:37.66Z"}`,
			cpaas.APIError{Code: 5001, Message: "Workflow name is required.", ErrorID: "e", Timestamp: "2021-07-13T01:28:37.66Z"}},
		{"subaccount 1001", `{"code":1001,"message":"Provided subAccountId doesn't belongs to your account","errorId":"e","timestamp":"2021-07-13T01:28:37.66Z"}`,
			cpaas.APIError{Code: 1001, Message: "Provided subAccountId doesn't belongs to your account", ErrorID: "e", Timestamp: "2021-07-13T01:28:37.66Z"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := cpaas.ParseAPIError([]byte(tc.body))
			require.True(t, ok)
			require.Equal(t, tc.want, *got)
			require.Contains(t, got.Error(), tc.want.Message)
		})
	}
	for _, bad := range []string{``, `"Internal server error."`, `{}`, `<html>`, `{"fault":{}}`} {
		_, ok := cpaas.ParseAPIError([]byte(bad))
		require.False(t, ok, bad)
	}
}

// TestGoldenJobStatus: the job status shapes (spec Appendix B) and the documented jobId example.
func TestGoldenJobStatus(t *testing.T) {
	cases := []struct {
		name, body string
		want       cpaas.JobStatus
		wantErr    string
	}{
		{"start example (L1657) is not a status", `{"jobId":"F1T6z9C5tW2QV1pdMzO9xpMXrYEmfnvqORGqpePJGpgzjTJ80TSaZEE7aX2wrgix"}`, cpaas.JobStatus{}, "no status"},
		{"queued", `{"jobId":"j","status":"queued"}`, cpaas.JobStatus{JobID: "j", Status: "queued"}, ""},
		{"Running any case", `{"jobId":"j","status":"Running"}`, cpaas.JobStatus{JobID: "j", Status: "running"}, ""},
		{"succeeded with links", `{"jobId":"j","status":"succeeded","data":["https://x/1.csv","https://x/2.csv"],"expires":"2020-10-25T07:18:22.4297387+00:00"}`,
			cpaas.JobStatus{JobID: "j", Status: "succeeded", Data: []string{"https://x/1.csv", "https://x/2.csv"}, Expires: time.Date(2020, 10, 25, 7, 18, 22, 429738700, time.UTC)}, ""},
		{"links as objects", `{"status":"succeeded","data":[{"url":"https://x/1.csv"},{"link":"https://x/2.csv"}]}`,
			cpaas.JobStatus{Status: "succeeded", Data: []string{"https://x/1.csv", "https://x/2.csv"}}, ""},
		{"empty", `{"jobId":"j","status":"empty","data":[]}`, cpaas.JobStatus{JobID: "j", Status: "empty"}, ""},
		{"bad data", `{"status":"succeeded","data":[1]}`, cpaas.JobStatus{}, "data[0]"},
		{"bad expires", `{"status":"succeeded","expires":"next month"}`, cpaas.JobStatus{}, "expires"},
		{"not json", `<html>`, cpaas.JobStatus{}, "job status"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cpaas.ParseJobStatus([]byte(tc.body))
			if tc.wantErr != "" {
				require.ErrorIs(t, err, cpaas.ErrBadResponse)
				require.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

// TestGoldenTimestamps: the spec's timestamp forms (§5, §11): 1–7 fractional digits, Z or offset.
func TestGoldenTimestamps(t *testing.T) {
	for in, want := range map[string]time.Time{
		"2021-07-13T01:28:37.66Z":             time.Date(2021, 7, 13, 1, 28, 37, 660000000, time.UTC),
		"2021-06-30T03:20:39.3857479Z":        time.Date(2021, 6, 30, 3, 20, 39, 385747900, time.UTC),
		"2017-04-19T02:31:19.4297387+00:00":   time.Date(2017, 4, 19, 2, 31, 19, 429738700, time.UTC),
		"2020-07-01T13:00:00+07:00":           time.Date(2020, 7, 1, 6, 0, 0, 0, time.UTC),
		"2020-07-01T13:00:00":                 time.Date(2020, 7, 1, 13, 0, 0, 0, time.UTC),
		"2020-07-01":                          time.Date(2020, 7, 1, 0, 0, 0, 0, time.UTC),
		"2021-07-12T04:49:30.2Z":              time.Date(2021, 7, 12, 4, 49, 30, 200000000, time.UTC),
		" 2025-12-18T10:31:19.4297387+00:00 ": time.Date(2025, 12, 18, 10, 31, 19, 429738700, time.UTC),
	} {
		got, err := cpaas.ParseTime(in)
		require.NoError(t, err, in)
		require.True(t, want.Equal(got), "%s: got %s", in, got)
	}
	_, err := cpaas.ParseTime("yesterday")
	require.Error(t, err)
}

// TestGoldenStartRequest: the job is started with the documented body (§3.1): UTC from/to in
// yyyy-MM-ddTHH:mm:ssZ, the optional filters, limit 0 = unlimited; links on another host get
// no API key; a file whose header has only unknown columns still loads (row key = hash).
func TestGoldenStartRequest(t *testing.T) {
	var got map[string]any
	var fileAuth string
	storage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fileAuth = r.Header.Get("Authorization")
		_, _ = io.WriteString(w, "\ufeffBrand New,Another\r\nx,1\r\ny,2\r\n")
	}))
	defer storage.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodPost:
			require.Equal(t, "Bearer k", r.Header.Get("Authorization"))
			require.Equal(t, "application/json", r.Header.Get("Content-Type"))
			require.NoError(t, json.NewDecoder(r.Body).Decode(&got))
			_, _ = io.WriteString(w, `{"jobId":"F1T6z9C5tW2QV1pdMzO9xpMXrYEmfnvqORGqpePJGpgzjTJ80TSaZEE7aX2wrgix"}`)
		case http.MethodGet:
			require.Equal(t, "/api/v1/subaccounts/acme_sub/messages/exports/F1T6z9C5tW2QV1pdMzO9xpMXrYEmfnvqORGqpePJGpgzjTJ80TSaZEE7aX2wrgix", r.URL.Path)
			_, _ = io.WriteString(w, `{"status":"succeeded","data":["`+storage.URL+`/f.csv?X-Amz-Signature=abc"]}`)
		}
	}))
	defer api.Close()
	e := &env{}
	cfg := cpaas.Config{Source: "acme", APIKey: "k", SubAccountID: "acme_sub", ChatAppsURL: api.URL,
		PollInterval: time.Millisecond, Countries: []string{"US", "SG"}, PhoneNumber: "6511111111"}
	c := newCollector(t)
	w := extract.Window{From: time.Date(2020, 7, 1, 13, 0, 0, 0, time.UTC), To: time.Date(2020, 7, 2, 0, 0, 0, 0, time.UTC)}
	require.NoError(t, e.stream(t, cfg, "chatapps_message_logs").Fetch(context.Background(), w, c.emit))
	require.Equal(t, map[string]any{"from": "2020-07-01T13:00:00Z", "to": "2020-07-02T00:00:00Z", "countries": []any{"US", "SG"},
		"phoneNumber": "6511111111", "limit": float64(0)}, got)
	require.Empty(t, fileAuth, "a pre-signed storage link gets no API key")
	rows := c.rows(schema.CPaaSChatAppsMessageLogs)
	require.Len(t, rows, 2)
	require.Contains(t, rows[0]["ccwh_row_key"], "sha256:")
	require.NotEqual(t, rows[0]["ccwh_row_key"], rows[1]["ccwh_row_key"])
	require.JSONEq(t, `{"Brand New":"x","Another":"1"}`, rows[0]["_extra"].(string))
}
