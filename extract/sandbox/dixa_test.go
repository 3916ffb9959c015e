package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

func dixaServer(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	s := New(Options{Seed: 3, Now: func() time.Time { return time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC) }})
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	return s, hs
}

func dixaDo(t *testing.T, method, u, auth, body string) (int, http.Header, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, u, bytes.NewBufferString(body))
	require.NoError(t, err)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m), string(b))
	return resp.StatusCode, resp.Header, m
}

func TestDixaEveryEndpoint(t *testing.T) {
	s, hs := dixaServer(t)
	s.SetDixaRateLimit(0, 0)
	base := hs.URL + "/dixa/v1"
	for _, p := range []string{"/agents", "/teams", "/teams/team-1/agents", "/queues", "/tags", "/endusers", "/custom-attributes",
		"/contact-endpoints", "/analytics/metrics", "/analytics/records", "/analytics/filter/channel",
		"/conversations/activitylog?fromDatetime=2026-01-02T00:00:00Z&toDatetime=2026-01-03T00:00:00Z",
		"/conversations/1012", "/conversations/1012/messages", "/conversations/1012/notes", "/conversations/1012/rating", "/conversations/1012/tags"} {
		status, _, m := dixaDo(t, "GET", base+p, DefaultToken, "")
		require.Equal(t, 200, status, p)
		require.Contains(t, m, "data", p)
	}
	body := `{"id":"closed_conversations","timezone":"Europe/Copenhagen","aggregations":["Count","Sum"],"periodFilter":{"_type":"Interval","start":"2026-01-02T00:00:00Z","end":"2026-01-03T00:00:00Z"}}`
	status, _, m := dixaDo(t, "POST", base+"/analytics/metrics", "Bearer "+DefaultToken, body)
	require.Equal(t, 200, status)
	aggs := m["data"].(map[string]any)["aggregates"].([]any)
	require.Equal(t, "LongAggregateValue", aggs[0].(map[string]any)["_type"])
	require.EqualValues(t, 12, aggs[0].(map[string]any)["value"], "one conversation every 2h")
	require.Equal(t, "DoubleAggregateValue", aggs[1].(map[string]any)["_type"])
	status, _, _ = dixaDo(t, "POST", base+"/analytics/records?pageLimit=5", DefaultToken,
		`{"id":"conversations","timezone":"UTC","periodFilter":{"_type":"Interval","start":"2026-01-02T00:00:00Z","end":"2026-01-03T00:00:00Z"}}`)
	require.Equal(t, 200, status)
	for _, bad := range []string{`{}`, `{"id":"nope","timezone":"UTC","periodFilter":{"_type":"Interval","start":"2026-01-02T00:00:00Z","end":"2026-01-03T00:00:00Z"}}`,
		`{"id":"conversations","timezone":"UTC","periodFilter":{"_type":"Preset","value":{"_type":"PreviousWeek"}}}`} {
		status, _, m = dixaDo(t, "POST", base+"/analytics/records", DefaultToken, bad)
		require.Contains(t, []int{400, 404}, status, bad)
		require.Contains(t, m, "message")
	}
	status, _, m = dixaDo(t, "GET", base+"/conversations/999999", DefaultToken, "")
	require.Equal(t, 404, status)
	require.Contains(t, m, "message")
}

func TestDixaPagingByPageKey(t *testing.T) {
	s, hs := dixaServer(t)
	s.SetDixaRateLimit(0, 0)
	u := hs.URL + "/dixa/v1/endusers?pageLimit=10"
	seen := map[string]bool{}
	pages := 0
	for u != "" {
		status, _, m := dixaDo(t, "GET", u, DefaultToken, "")
		require.Equal(t, 200, status)
		pages++
		for _, r := range m["data"].([]any) {
			id := r.(map[string]any)["id"].(string)
			require.False(t, seen[id], "each record once")
			seen[id] = true
		}
		next, _ := m["meta"].(map[string]any)["next"].(string)
		u = ""
		if next != "" {
			nu, err := url.Parse(next)
			require.NoError(t, err)
			u = hs.URL + "/dixa/v1/endusers?" + url.Values{"pageKey": {nu.Query().Get("pageKey")}}.Encode()
		}
	}
	require.Equal(t, 3, pages)
	require.Len(t, seen, s.DixaCounts(extract.Window{}, nil)[schema.DixaEndUsers.Name])
	status, _, _ := dixaDo(t, "GET", hs.URL+"/dixa/v1/endusers?pageKey=%25%25", DefaultToken, "")
	require.Equal(t, 400, status)
}

func TestDixaAuthAndRateLimit(t *testing.T) {
	s, hs := dixaServer(t)
	for _, auth := range []string{"", "wrong", "Basic " + DefaultToken} {
		status, _, m := dixaDo(t, "GET", hs.URL+"/dixa/v1/tags", auth, "")
		require.Equal(t, 401, status, auth)
		require.Equal(t, "Unauthorized", m["message"])
	}
	var throttled int
	for i := 0; i < 20; i++ {
		status, h, _ := dixaDo(t, "GET", hs.URL+"/dixa/v1/tags", DefaultToken, "")
		if status == 429 {
			throttled++
			require.Equal(t, "1", h.Get("Retry-After"))
		}
	}
	require.Positive(t, throttled, "20 requests at once exceed 10/s with burst 4")
	_, n := s.DixaStats()
	require.EqualValues(t, throttled, n)
}

func TestDixaDeterministic(t *testing.T) {
	get := func() []byte {
		s, hs := dixaServer(t)
		s.SetDixaRateLimit(0, 0)
		var all []byte
		for _, p := range []string{"/agents?pageLimit=300", "/conversations/1017", "/conversations/1017/messages",
			"/conversations/activitylog?fromDatetime=2026-01-02T00:00:00Z&toDatetime=2026-01-04T00:00:00Z&pageLimit=300"} {
			req, _ := http.NewRequest("GET", hs.URL+"/dixa/v1"+p, nil)
			req.Header.Set("Authorization", DefaultToken)
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			all = append(all, b...)
		}
		return all
	}
	require.Equal(t, get(), get())
}

// TestDixaConversationGrowsWithTheClock: state, messages and rating follow Now.
func TestDixaConversationGrowsWithTheClock(t *testing.T) {
	d := newDixaData(Options{Seed: 1, Scale: 1, Epoch: DefaultEpoch})
	c := d.created(3)
	require.Equal(t, "Open", d.conversation(3, c.Add(time.Hour))["state"])
	require.Equal(t, "Closed", d.conversation(3, c.Add(4*time.Hour))["state"])
	require.Empty(t, d.ratings(3, c.Add(time.Hour)))
	require.Equal(t, "Rated", d.ratings(3, c.Add(6*time.Hour))[0]["ratingStatus"])
	require.Less(t, len(d.events(3, c.Add(time.Hour))), len(d.events(3, c.Add(6*time.Hour))))
	require.Nil(t, d.conversation(3, c.Add(-time.Second)))
	require.Equal(t, "AnonymizedConversation", d.conversation(12, d.created(12).Add(7*time.Hour))["_type"])
}
