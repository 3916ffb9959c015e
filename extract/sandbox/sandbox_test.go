package sandbox

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

func jan(d, h, m int) time.Time { return time.Date(2026, 1, d, h, m, 0, 0, time.UTC) }

type reply struct {
	status int
	header http.Header
	body   string
}

// get requests path from h with the default credentials unless auth is false.
func get(t *testing.T, h http.Handler, path string, auth ...string) reply {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, path, nil)
	switch {
	case len(auth) == 2 && auth[0] == "" && auth[1] == "": // no credentials at all
	case len(auth) == 2:
		r.SetBasicAuth(auth[0], auth[1])
	default:
		r.SetBasicAuth(DefaultTenant, DefaultToken)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return reply{w.Code, w.Header(), w.Body.String()}
}

// xmlRecords decodes a page of records into field maps.
func xmlRecords(t *testing.T, body, rec string) []map[string]string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(body))
	var out []map[string]string
	var cur map[string]string
	var field string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		require.NoError(t, err)
		switch x := tok.(type) {
		case xml.StartElement:
			if x.Name.Local == rec {
				cur = map[string]string{}
			} else if cur != nil {
				field = x.Name.Local
				cur[field] = ""
			}
		case xml.CharData:
			if cur != nil && field != "" {
				cur[field] += string(x)
			}
		case xml.EndElement:
			if x.Name.Local == rec {
				out = append(out, cur)
				cur = nil
			}
			field = ""
		}
	}
}

func TestSplitFormat(t *testing.T) {
	cases := []struct{ in, path, format string }{
		{"/api/stats/groups", "/api/stats/groups", "xml"},
		{"/api/stats/groups.json", "/api/stats/groups", "json"},
		{"/api/stats/agents/fred.csv", "/api/stats/agents/fred", "csv"},
		{"/api/stats/allinteractions/", "/api/stats/allinteractions", "xml"},
		{"/api/stats/allinteractions.json", "/api/stats/allinteractions", "json"},
		{"/api/stats/allinteractions/.json", "/api/stats/allinteractions", "json"},
		{"/api/stats/allinteractions.json/", "/api/stats/allinteractions", "json"},
		{"/api/stats/agents/j.doe", "/api/stats/agents/j.doe", "xml"},
		{"/api/stats/agents/j.doe.xml", "/api/stats/agents/j.doe", "xml"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			p, f := splitFormat(c.in)
			require.Equal(t, c.path, p)
			require.Equal(t, c.format, f)
		})
	}
}

func TestParseVCCRange(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC) // 08:00 in Los Angeles (PDT)
	cases := []struct {
		d        string
		from, to time.Time
		err      string
	}{
		{d: "2007-08-05", from: time.Date(2007, 8, 5, 0, 0, 0, 0, la), to: time.Date(2007, 8, 6, 0, 0, 0, 0, la)},
		{d: "2007-08-05,2007-08-07", from: time.Date(2007, 8, 5, 0, 0, 0, 0, la), to: time.Date(2007, 8, 7, 0, 0, 0, 0, la)},
		{d: "2007-08-05 13:15Z,2007-08-07 14:30Z", from: time.Date(2007, 8, 5, 13, 15, 0, 0, time.UTC), to: time.Date(2007, 8, 7, 14, 30, 0, 0, time.UTC)},
		{d: "20070805T1315Z,20070807T1430Z", from: time.Date(2007, 8, 5, 13, 15, 0, 0, time.UTC), to: time.Date(2007, 8, 7, 14, 30, 0, 0, time.UTC)},
		{d: "20070805T131530Z,20070807T1430+0200", from: time.Date(2007, 8, 5, 13, 15, 30, 0, time.UTC), to: time.Date(2007, 8, 7, 12, 30, 0, 0, time.UTC)},
		{d: "2007-08-05T13:15:00-07:00,2007-08-05 14:00", from: time.Date(2007, 8, 5, 20, 15, 0, 0, time.UTC), to: time.Date(2007, 8, 5, 14, 0, 0, 0, la)},
		{d: "today", from: time.Date(2026, 3, 10, 0, 0, 0, 0, la), to: time.Date(2026, 3, 11, 0, 0, 0, 0, la)},
		{d: "today-1d,today", from: time.Date(2026, 3, 9, 0, 0, 0, 0, la), to: time.Date(2026, 3, 10, 0, 0, 0, 0, la)},
		{d: "today-7d,today-1d", from: time.Date(2026, 3, 3, 0, 0, 0, 0, la), to: time.Date(2026, 3, 9, 0, 0, 0, 0, la)},
		{d: "2026-03-08", from: time.Date(2026, 3, 8, 0, 0, 0, 0, la), to: time.Date(2026, 3, 9, 0, 0, 0, 0, la)}, // 23-hour day
		{d: "20070805T1315Z,20070805T1315Z", from: time.Date(2007, 8, 5, 13, 15, 0, 0, time.UTC), to: time.Date(2007, 8, 5, 13, 15, 0, 0, time.UTC)},
		{d: "2007-08-07,2007-08-05", err: "ends before it starts"},
		{d: "yesterday", err: "bad date"},
		{d: "today+1d", err: "bad relative date"},
		{d: "today-xd", err: "bad relative date"},
		{d: "a,b,c", err: "3 parts"},
		{d: "2007-13-01", err: "bad date"},
		{d: "", err: "bad date"},
	}
	for _, c := range cases {
		t.Run(c.d, func(t *testing.T) {
			from, to, err := parseVCCRange(c.d, la, now)
			if c.err != "" {
				require.ErrorContains(t, err, c.err)
				return
			}
			require.NoError(t, err)
			require.True(t, c.from.Equal(from), "from %s, want %s", from, c.from)
			require.True(t, c.to.Equal(to), "to %s, want %s", to, c.to)
		})
	}
}

// TestVCCFieldsMatchSchema: the sandbox serves every field of each record type in the order
// schema/ declares them (both follow the spec's samples).
func TestVCCFieldsMatchSchema(t *testing.T) {
	for _, c := range []struct {
		rt recordType
		t  *schema.Table
	}{{vccGroupType, schema.VCCGroups}, {vccAgentType, schema.VCCAgents}, {vccQueueType, schema.VCCQueues},
		{vccActivityType, schema.VCCActivities}, {vccInteractionType, schema.VCCInteractions}} {
		var fields []string
		for _, col := range c.t.Columns {
			if col.Field != "" {
				fields = append(fields, col.Field)
			}
		}
		require.Equal(t, fields, c.rt.fields, c.t.Name)
		require.Equal(t, c.t.Root, c.rt.root)
		require.Equal(t, c.t.Record, c.rt.name)
	}
}

func TestVCCErrors(t *testing.T) {
	h := New(Options{}).Handler()
	cases := []struct {
		name, path string
		auth       []string
		status     int
	}{
		{"no credentials", "/api/stats/groups", []string{"", ""}, 401},
		{"wrong token", "/api/stats/groups", []string{"acme", "nope"}, 403},
		{"wrong tenant", "/api/stats/groups", []string{"other", DefaultToken}, 403},
		{"unknown resource", "/api/stats/calls", nil, 404},
		{"unknown stats root", "/api/stats/", nil, 404},
		{"unknown group", "/api/stats/groups/999/activities?d=today", nil, 404},
		{"unknown agent", "/api/stats/agents/nobody", nil, 404},
		{"unknown channel", "/api/stats/channels/999/interactions?d=today", nil, 404},
		{"bad d", "/api/stats/allinteractions?d=yesterday", nil, 400},
		{"reversed d", "/api/stats/allinteractions?d=2026-01-05,2026-01-04", nil, 400},
		{"bad n", "/api/stats/agents?n=abc", nil, 400},
		{"n zero", "/api/stats/agents?n=0", nil, 400},
		{"bad tz", "/api/stats/allinteractions?d=today&tz=Mars/Base", nil, 400},
		{"ok", "/api/stats/groups", nil, 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := get(t, h, c.path, c.auth...)
			require.Equal(t, c.status, r.status, r.body)
			if c.status == 401 {
				require.Contains(t, r.header.Get("WWW-Authenticate"), "Basic")
			}
		})
	}
	r := httptest.NewRequest(http.MethodPost, "/api/stats/groups", nil)
	r.SetBasicAuth(DefaultTenant, DefaultToken)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	require.Equal(t, http.StatusMethodNotAllowed, w.Code)
}

func TestVCCFormats(t *testing.T) {
	h := New(Options{}).Handler()
	const d = "?d=20260105T0000Z,20260105T0200Z" // 6 interactions at Scale 1
	x := get(t, h, "/api/stats/allinteractions/"+d)
	require.Equal(t, 200, x.status)
	require.Equal(t, "application/xml;charset=UTF-8", x.header.Get("Content-Type"))
	require.True(t, strings.HasPrefix(x.body, "<?xml version='1.0'  encoding='UTF-8' ?>\n<interactions>\n    <interaction>\n        <media-type>"), x.body)
	require.Contains(t, x.body, "        <dial-code />\n")
	xr := xmlRecords(t, x.body, "interaction")
	require.Len(t, xr, 6)
	require.Len(t, xr[0], len(vccInteractionType.fields))
	require.Equal(t, "2026-01-04T16:00:00-08:00", xr[0]["create-timestamp"]) // tenant zone offset

	j := get(t, h, "/api/stats/allinteractions.json"+d)
	require.Equal(t, "application/json;charset=UTF-8", j.header.Get("Content-Type"))
	var doc map[string]map[string][]map[string]string
	require.NoError(t, json.Unmarshal([]byte(j.body), &doc))
	jr := doc["interactions"]["interaction"]
	require.Equal(t, xr, jr, "JSON carries the same strings, empty elements as \"\"")
	require.True(t, strings.HasPrefix(j.body, `{"interactions":{"interaction":[{"media-type":`))

	c := get(t, h, "/api/stats/allinteractions.csv"+d)
	require.Equal(t, "text/csv;charset=UTF-8", c.header.Get("Content-Type"))
	rows, err := csv.NewReader(strings.NewReader(c.body)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, vccInteractionType.fields, rows[0])
	require.Len(t, rows, 7)
	for i, row := range rows[1:] {
		for k, f := range rows[0] {
			require.Equal(t, xr[i][f], row[k])
		}
	}

	// The suffix forms around the documented trailing slash all serve the same document.
	for _, p := range []string{"/api/stats/allinteractions/.json", "/api/stats/allinteractions.json/"} {
		require.Equal(t, j.body, get(t, h, p+d).body, p)
	}

	// Empty pages keep their shape.
	const none = "?d=20250105T0000Z,20250105T0200Z"
	require.Equal(t, "<?xml version='1.0'  encoding='UTF-8' ?>\n<interactions>\n</interactions>\n", get(t, h, "/api/stats/allinteractions"+none).body)
	require.Equal(t, `{"interactions":{"interaction":[]}}`+"\n", get(t, h, "/api/stats/allinteractions.json"+none).body)
	require.Equal(t, strings.Join(vccInteractionType.fields, ",")+"\n", get(t, h, "/api/stats/allinteractions.csv"+none).body)
}

// TestVCCPaging pages through every endpoint with n= and compares the totals with VCCCounts.
func TestVCCPaging(t *testing.T) {
	s := New(Options{Seed: 3, Scale: 6})
	h := s.Handler()
	w := extract.Window{From: jan(10, 0, 0), To: jan(11, 6, 30)}
	counts := s.VCCCounts(w)
	d := "d=20260110T0000Z,20260111T0630Z"
	total := func(path, rec string) int {
		n := 0
		for offset := 1; ; offset += VCCPageSize {
			r := get(t, h, path+"&n="+itoa(offset))
			require.Equal(t, 200, r.status, r.body)
			got := len(xmlRecords(t, r.body, rec))
			require.LessOrEqual(t, got, VCCPageSize)
			n += got
			if got < VCCPageSize {
				return n
			}
		}
	}
	require.Equal(t, counts[schema.VCCGroups.Name], total("/api/stats/groups?x=", "group"))
	require.Equal(t, 18, counts[schema.VCCGroups.Name])
	require.Equal(t, counts[schema.VCCAgents.Name], total("/api/stats/agents?x=", "agent"))
	require.Equal(t, 60, counts[schema.VCCAgents.Name])
	require.Equal(t, counts[schema.VCCQueues.Name], total("/api/stats/queues?x=", "queue"))
	require.Equal(t, counts[schema.VCCInteractions.Name], total("/api/stats/allinteractions/?"+d, "interaction"))
	acts := 0
	for _, id := range s.VCCGroupIDs() {
		acts += total("/api/stats/groups/"+itoa(id)+"/activities?"+d, "activity")
	}
	require.Equal(t, counts[schema.VCCActivities.Name], acts)
	require.Positive(t, acts)
	// 20 min / 6 apart: 30.5 hours hold 549 interactions.
	require.Equal(t, 549, counts[schema.VCCInteractions.Name])

	// Per group agents add up too.
	agents := 0
	for _, id := range s.VCCGroupIDs() {
		agents += total("/api/stats/groups/"+itoa(id)+"/agents?x=", "agent")
	}
	require.Equal(t, 60, agents)
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestVCCWindows(t *testing.T) {
	now := time.Date(2026, 1, 20, 12, 0, 0, 0, time.UTC)
	s := New(Options{Now: func() time.Time { return now }})
	h := s.Handler()
	count := func(q string) int {
		r := get(t, h, "/api/stats/allinteractions?"+q)
		require.Equal(t, 200, r.status, r.body)
		return len(xmlRecords(t, r.body, "interaction"))
	}
	// Scale 1: one interaction every 20 minutes, on the minute. Half-open windows.
	require.Equal(t, 1, count("d=20260105T0020Z,20260105T0040Z"))
	require.Equal(t, 0, count("d=20260105T0021Z,20260105T0040Z"))
	require.Equal(t, 0, count("d=20260105T0020Z,20260105T0020Z"))
	require.Equal(t, 3, count("d=2026-01-05%2001:00Z,2026-01-05%2002:00Z"))
	require.Equal(t, 3, count("d=2026-01-05T01:00Z,2026-01-05T02:00Z"))
	// A date means midnight in the tenant's zone, or in tz=.
	require.Equal(t, 72, s.VCCCounts(extract.Window{From: jan(5, 8, 0), To: jan(6, 8, 0)})[schema.VCCInteractions.Name])
	require.Equal(t, 22, count("d=2026-01-05&n=51"))
	r0 := xmlRecords(t, get(t, h, "/api/stats/allinteractions?d=2026-01-05").body, "interaction")[0]
	require.Equal(t, "2026-01-05T00:00:00-08:00", r0["create-timestamp"])
	require.Equal(t, 50, count("d=2026-01-05&tz=UTC")) // first page of 72
	require.Equal(t, 22, count("d=2026-01-05&tz=UTC&n=51"))
	require.Equal(t, 22, count("d=today-1d,today&tz=UTC&n=51")) // 72 on 2026-01-19
	require.Equal(t, 50, count("d=today-7d,today"))
	// Nothing before the epoch.
	require.Equal(t, 0, count("d=2025-12-30,2026-01-01&tz=UTC"))
	require.Equal(t, 1, count("d=2025-12-30,2026-01-01T00:00:01Z"))

	// tz= also sets the offset of response timestamps.
	r := get(t, h, "/api/stats/allinteractions?d=20260105T0000Z,20260105T0001Z&tz=America/New_York")
	require.Equal(t, "2026-01-04T19:00:00-05:00", xmlRecords(t, r.body, "interaction")[0]["create-timestamp"])
	r = get(t, h, "/api/stats/allinteractions?d=20260705T0000Z,20260705T0001Z") // DST in the tenant zone
	require.Equal(t, "2026-07-04T17:00:00-07:00", xmlRecords(t, r.body, "interaction")[0]["create-timestamp"])
}

func TestVCCQueryVariables(t *testing.T) {
	h := New(Options{Scale: 3}).Handler()
	const d = "d=20260105T0000Z,20260107T0000Z"
	all := xmlRecords(t, get(t, h, "/api/stats/allinteractions?"+d+"&n=1").body, "interaction")
	require.Len(t, all, VCCPageSize)
	chats := 0
	for offset := 1; ; offset += VCCPageSize {
		page := xmlRecords(t, get(t, h, "/api/stats/allinteractions?"+d+"&media-type=Chat&n="+itoa(offset)).body, "interaction")
		for _, r := range page {
			require.Equal(t, "Chat", r["media-type"])
		}
		chats += len(page)
		if len(page) < VCCPageSize {
			break
		}
	}
	require.Greater(t, chats, 50)
	require.Less(t, chats, 432)
}

func TestVCCDataShape(t *testing.T) {
	s := New(Options{Seed: 11, Scale: 2})
	h := s.Handler()
	groups := xmlRecords(t, get(t, h, "/api/stats/groups").body, "group")
	require.Len(t, groups, 6)
	require.Equal(t, map[string]string{"group-id": "123", "group-name": "East Coast Sales", "deleted": "Yes"}, groups[1])
	agents := xmlRecords(t, get(t, h, "/api/stats/agents").body, "agent")
	require.Len(t, agents, 20)
	require.Equal(t, "001", agents[0]["phone-extension"])
	one := xmlRecords(t, get(t, h, "/api/stats/agents/"+agents[3]["agent-id"]+".xml").body, "agent")
	require.Equal(t, agents[3:4], one)

	seen := map[string]map[string]bool{}
	note := func(k, v string) {
		if seen[k] == nil {
			seen[k] = map[string]bool{}
		}
		seen[k][v] = true
	}
	var recs []map[string]string
	for offset := 1; offset < 1000; offset += VCCPageSize {
		recs = append(recs, xmlRecords(t, get(t, h, "/api/stats/allinteractions?d=20260105T0000Z,20260115T0000Z&n="+itoa(offset)).body, "interaction")...)
	}
	require.Equal(t, 1000, len(recs))
	for _, r := range recs {
		for _, f := range []string{"media-type", "interaction-direction", "interaction-type", "voice-message-left", "wrap-up-code", "customer-name"} {
			note(f, r[f])
		}
		if r["agent-name"] == "" {
			require.Empty(t, r["accept-timestamp"])
			require.Empty(t, r["process-time"])
			note("unaccepted", yesNo(r["abandon-timestamp"] != "", "abandoned", "forwarded"))
		}
		if f := r["recording-filename"]; f != "" {
			require.Regexp(t, `^S\d{8}/R\d{18}\.wav$`, f)
		}
		require.Regexp(t, `^2026-01-\d\dT\d\d:\d\d:\d\d-08:00$`, r["create-timestamp"])
	}
	require.Len(t, seen["media-type"], 4)
	require.Equal(t, map[string]bool{"": true, "inbound": true, "outbound": true}, seen["interaction-direction"])
	require.Len(t, seen["interaction-type"], 6)
	require.True(t, seen["customer-name"]["N/A, N/A"])
	require.True(t, seen["wrap-up-code"]["N/A"])
	require.Equal(t, map[string]bool{"": true, "Y": true, "N": true}, seen["voice-message-left"])
	require.Len(t, seen["unaccepted"], 2)
}

func TestVCCDeterministic(t *testing.T) {
	const p = "/api/stats/allinteractions.json?d=20260105T0000Z,20260106T0000Z&n=51"
	a := get(t, New(Options{Seed: 5}).Handler(), p).body
	require.Equal(t, a, get(t, New(Options{Seed: 5}).Handler(), p).body)
	require.NotEqual(t, a, get(t, New(Options{Seed: 6}).Handler(), p).body)
	g := "/api/stats/groups/122/activities.csv?d=20260105T0000Z,20260106T0000Z"
	require.Equal(t, get(t, New(Options{Seed: 5}).Handler(), g).body, get(t, New(Options{Seed: 5}).Handler(), g).body)
}

func TestFaults(t *testing.T) {
	s := New(Options{Scale: 2})
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	do := func(ctx context.Context, path string) (*http.Response, []byte, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path, nil)
		require.NoError(t, err)
		req.SetBasicAuth(DefaultTenant, DefaultToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp, b, err
	}
	const page = "/api/stats/allinteractions.json/?d=20260105T0000Z,20260107T0000Z"
	_, full, err := do(context.Background(), page)
	require.NoError(t, err)

	t.Run("status, Retry-After and Times", func(t *testing.T) {
		defer s.Faults().Clear()
		s.Faults().Inject("/api/stats/allinteractions", Fault{Status: 429, RetryAfter: "7", Times: 2})
		for range 2 {
			resp, _, err := do(context.Background(), page)
			require.NoError(t, err)
			require.Equal(t, 429, resp.StatusCode)
			require.Equal(t, "7", resp.Header.Get("Retry-After"))
		}
		resp, b, err := do(context.Background(), page)
		require.NoError(t, err)
		require.Equal(t, 200, resp.StatusCode)
		require.Equal(t, full, b)
	})
	t.Run("prefix does not match other paths", func(t *testing.T) {
		defer s.Faults().Clear()
		s.Faults().Inject("/api/stats/groups/", Fault{Status: 503})
		resp, _, err := do(context.Background(), "/api/stats/groups.xml")
		require.NoError(t, err)
		require.Equal(t, 200, resp.StatusCode)
		resp, _, err = do(context.Background(), "/api/stats/groups/122/activities.xml?d=today")
		require.NoError(t, err)
		require.Equal(t, 503, resp.StatusCode)
	})
	t.Run("delay ends with the request", func(t *testing.T) {
		defer s.Faults().Clear()
		s.Faults().Inject("/api/stats", Fault{Delay: time.Minute})
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, _, err := do(ctx, page)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.Less(t, time.Since(start), 2*time.Second)
	})
	t.Run("truncate", func(t *testing.T) {
		defer s.Faults().Clear()
		s.Faults().Inject("/api/stats", Fault{Truncate: true})
		resp, b, err := do(context.Background(), page)
		require.NoError(t, err)
		require.Equal(t, 200, resp.StatusCode)
		require.Equal(t, full[:len(full)/2], b)
	})
	t.Run("malformed", func(t *testing.T) {
		defer s.Faults().Clear()
		s.Faults().Inject("/api/stats", Fault{Malformed: true})
		_, b, err := do(context.Background(), page)
		require.NoError(t, err)
		require.Contains(t, string(b), "<post-process-time>70</post-proc-time>")
		var v any
		require.Error(t, xml.Unmarshal(b, &v))
	})
	t.Run("reset connection", func(t *testing.T) {
		defer s.Faults().Clear()
		s.Faults().Inject("/api/stats", Fault{ResetConn: true, Times: 1})
		_, _, err := do(context.Background(), page)
		require.ErrorIs(t, err, io.ErrUnexpectedEOF)
		_, b, err := do(context.Background(), page)
		require.NoError(t, err)
		require.Equal(t, full, b)
	})
	t.Run("repeat page", func(t *testing.T) {
		defer s.Faults().Clear()
		s.Faults().Inject("/api/stats", Fault{RepeatPage: true})
		_, b, err := do(context.Background(), page+"&n=51")
		require.NoError(t, err)
		require.Equal(t, full, b)
	})
	t.Run("first matching fault wins", func(t *testing.T) {
		defer s.Faults().Clear()
		s.Faults().Inject("/api/stats/allinteractions", Fault{Status: 500, Times: 1})
		s.Faults().Inject("/api/stats", Fault{Status: 503})
		for _, want := range []int{500, 503, 503} {
			resp, _, err := do(context.Background(), page)
			require.NoError(t, err)
			require.Equal(t, want, resp.StatusCode)
		}
	})
}

func TestListenAndServe(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	var logs syncWriter
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- ListenAndServe(ctx, addr, Options{Token: "tok"}, zerolog.New(&logs).Level(zerolog.DebugLevel))
	}()
	var resp *http.Response
	require.Eventually(t, func() bool {
		req, _ := http.NewRequest(http.MethodGet, "http://"+addr+"/api/stats/groups.json", nil)
		req.SetBasicAuth("acme", "tok")
		resp, err = http.DefaultClient.Do(req)
		return err == nil
	}, 5*time.Second, 20*time.Millisecond)
	require.Equal(t, 200, resp.StatusCode)
	_ = resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("ListenAndServe did not stop")
	}
	require.Contains(t, logs.String(), "sandbox listening")
	require.Contains(t, logs.String(), "/api/stats/groups.json")
	require.NotContains(t, logs.String(), "tok\"")

	_, err = newServer(Options{TimeZone: "Nowhere/Land"})
	require.Error(t, err)
	require.Error(t, ListenAndServe(context.Background(), addr, Options{TimeZone: "Nowhere/Land"}, zerolog.Nop()))
}

type syncWriter struct {
	mu sync.Mutex
	w  bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.String()
}
