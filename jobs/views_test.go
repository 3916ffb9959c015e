package jobs

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/schema"
)

// TestAnalystViewsAgreeWithTables: after a sync (twice, so every row has two versions), each
// <table>_latest view holds one row per key and the analyst views add up to the sandbox's rows.
func TestAnalystViewsAgreeWithTables(t *testing.T) {
	e := newEnv(t, nil, "")
	ctx := context.Background()
	from, to := day("2026-03-01"), day("2026-03-03")
	for range 2 {
		_, err := e.runner.Sync(ctx, SyncOptions{From: from, To: to})
		require.NoError(t, err)
	}
	truth := e.sb.VCCCounts(extract.Window{From: from, To: to})
	db := schema.Quote(e.ch.Database())
	one := func(q string) int64 {
		var n int64
		require.NoError(t, e.ch.QueryRow(ctx, fmt.Sprintf("SELECT toInt64(%s)", fmt.Sprintf(q, db))).Scan(&n), q)
		return n
	}
	for _, tb := range allTables {
		require.Equal(t, int64(truth[tb]), one("(SELECT count() FROM %s."+tb+"_latest)"), tb+"_latest")
	}
	require.Equal(t, int64(truth["vcc_activities"]), one("(SELECT sum(handled) FROM %s.vcc_agent_daily)"))
	require.Equal(t, int64(truth["vcc_interactions"]), one("(SELECT sum(interactions) FROM %s.vcc_interaction_outcomes)"))
	offered := one("(SELECT sum(offered) FROM %s.vcc_queue_service_daily)")
	require.Equal(t, one("(SELECT count() FROM %s.vcc_interactions FINAL WHERE queue_name IS NOT NULL)"), offered)
	require.Equal(t, offered, one("(SELECT sum(offered) FROM %s.vcc_queue_service_30m)"))
	require.Positive(t, one("(SELECT sum(within_sla) FROM %s.vcc_queue_service_30m)"))
}

// newAllSourcesEnv is one warehouse loaded from every demo source (one of each kind) over the
// sandbox's first days, where every vendor has data: 8x8 chats and Chatwoot conversations exist
// only there.
func newAllSourcesEnv(t *testing.T) (*env, extract.Window) {
	t.Helper()
	var yaml strings.Builder
	secrets := map[string]string{}
	for _, d := range DemoSources() {
		yaml.WriteString(d.YAML)
		maps.Copy(secrets, d.Env)
	}
	e := newVendorEnv(t, sandbox.Options{Seed: 1}, yaml.String(), secrets)
	e.sb.SetDixaRateLimit(0, 0)
	w := extract.Window{From: day("2026-01-01"), To: day("2026-01-05")}
	rep, err := e.runner.Sync(context.Background(), SyncOptions{From: w.From, To: w.To, Parallel: 2})
	require.NoError(t, err)
	require.Empty(t, rep.Failed())
	return e, w
}

// TestChannelViewsAgreeWithSandbox checks the recordings, conversation, Dixa metric and CPaaS
// views value by value against what the sandbox serves over HTTP for the same window, read here
// with plain HTTP and encoding/json|csv, independently of ccwh's extractors.
func TestChannelViewsAgreeWithSandbox(t *testing.T) {
	e, w := newAllSourcesEnv(t)
	sb := sandboxClient{t: t, base: e.http.URL}

	t.Run("vcc_recordings_daily", func(t *testing.T) {
		want := map[string]string{}
		type agg struct{ n, dur, wrapped int64 }
		sums := map[string]*agg{}
		for _, r := range sb.vccCSV("/api/recordings/files.csv", w) {
			at, err := time.Parse(time.RFC3339, r["startDate"])
			require.NoError(t, err)
			k := strings.Join([]string{at.UTC().Format("2006-01-02"), r["agentID"], r["queueName"]}, " ")
			if sums[k] == nil {
				sums[k] = &agg{}
			}
			d, _ := strconv.ParseInt(r["duration"], 10, 64)
			sums[k].n++
			sums[k].dur += d
			if r["wrapUpCode.transactionCodes.transactionCode.name"] != "" {
				sums[k].wrapped++
			}
		}
		for k, a := range sums {
			want[k] = fmt.Sprintf("%d\t%d\t%d", a.n, a.dur, a.wrapped)
		}
		require.NotEmpty(t, want)
		got := rowsByKey(e.rows(`SELECT toString(day), agent_id, queue_name,
			toString(recordings), toString(duration_s), toString(with_wrap_up) FROM DB.vcc_recordings_daily`), 3)
		require.Equal(t, want, got)
		// Every recording's agent is a known agent: the name comes from vcc_agents.
		require.Equal(t, [][]string{{"0"}}, e.rows(`SELECT toString(count()) FROM DB.vcc_recordings_daily
			WHERE agent_id != '' AND agent_name = ''`))
	})

	t.Run("conversations_unified", func(t *testing.T) {
		want := map[string]string{}
		maps.Copy(want, sb.dixaConversations(e.column(`SELECT conversation_id FROM DB.conversations_unified WHERE vendor = 'dixa'`)))
		maps.Copy(want, sb.chatwootConversations(e.column(`SELECT conversation_id FROM DB.conversations_unified WHERE vendor = 'chatwoot'`)))
		maps.Copy(want, sb.vccChatConversations())
		maps.Copy(want, sb.vccTranscripts(e.column(`SELECT conversation_id FROM DB.conversations_unified WHERE vendor = 'vcc'`)))
		got := rowsByKey(e.rows(`SELECT vendor, conversation_id, ifNull(toString(first_response_s), 'NULL'),
			ifNull(toString(resolution_s), 'NULL'), toString(messages) FROM DB.conversations_unified`), 2)
		require.Equal(t, want, got)

		counts := rowsByKey(e.rows(`SELECT vendor, toString(count()), toString(sum(messages)) FROM DB.conversations_unified GROUP BY vendor`), 1)
		dixa := e.sb.DixaCounts(w, []string{"conversations"})
		cw := e.sb.ChatwootCounts(w)
		chat := e.sb.VCCChatCounts()
		vcc := e.sb.VCCCounts(w)
		require.Equal(t, map[string]string{
			"dixa":     fmt.Sprintf("%d\t%d", dixa["dixa_conversations"], dixa["dixa_messages"]),
			"chatwoot": fmt.Sprintf("%d\t%d", cw["chatwoot_conversations"], cw["chatwoot_messages"]),
			"vcc_chat": fmt.Sprintf("%d\t%d", chat["vcc_chat_conversations"], chat["vcc_chat_messages"]),
			"vcc":      fmt.Sprintf("%d\t%d", vcc["vcc_transcripts"], vcc["vcc_transcript_messages"]),
		}, counts)

		// The daily roll-up adds up to the conversations, per vendor.
		require.Equal(t, e.rows(`SELECT vendor, toString(count()) FROM DB.conversations_unified GROUP BY vendor ORDER BY vendor`),
			e.rows(`SELECT vendor, toString(sum(conversations)) FROM DB.conversation_times_daily GROUP BY vendor ORDER BY vendor`))
		require.Equal(t, [][]string{{"0"}}, e.rows(`SELECT toString(count()) FROM DB.conversation_times_daily
			WHERE responded > conversations OR resolved > conversations`))
	})

	t.Run("dixa_metric_series", func(t *testing.T) {
		// The sandbox's Count of a day is the conversations created that day; Sum is 93.5 each.
		want := map[string]string{}
		for d := w.From; d.Before(w.To); d = d.AddDate(0, 0, 1) {
			n := sb.dixaMetric("closed_conversations", "Count", d, d.AddDate(0, 0, 1))
			want[d.Format("2006-01-02")+" Count"] = fmt.Sprint(n)
			want[d.Format("2006-01-02")+" Sum"] = fmt.Sprint(sb.dixaMetric("closed_conversations", "Sum", d, d.AddDate(0, 0, 1)))
			require.Positive(t, n)
		}
		got := rowsByKey(e.rows(`SELECT toString(day), measure, toString(value) FROM DB.dixa_metric_series
			WHERE metric_id = 'closed_conversations' AND interval_s = 86400 AND description = 'Conversations closed'`), 2)
		require.Equal(t, want, got)
	})

	t.Run("cpaas_message_volume_daily", func(t *testing.T) {
		want := map[string]string{}
		type agg struct {
			n, parts, dur int64
			price         float64
		}
		sums := map[string]*agg{}
		add := func(product string, r map[string]string, ts, channel, country, direction, status, currency, parts, dur, price string) {
			at, err := time.Parse(time.RFC3339Nano, strings.Replace(r[ts], "+00:00", "Z", 1))
			require.NoError(t, err, r[ts])
			k := strings.Join([]string{at.UTC().Format("2006-01-02"), product, channel, country, r[direction], r[status], r[currency]}, " ")
			if sums[k] == nil {
				sums[k] = &agg{}
			}
			a := sums[k]
			a.n++
			if parts != "" {
				p, _ := strconv.ParseInt(r[parts], 10, 64)
				a.parts += p
			} else if product == "chatapps" {
				a.parts++
			}
			if dur != "" {
				d, _ := strconv.ParseInt(r[dur], 10, 64)
				a.dur += d
			}
			p, _ := strconv.ParseFloat(r[price], 64)
			a.price += p
		}
		for _, r := range sb.cpaasExport("chatapps", w) {
			add("chatapps", r, "Timestamp", r["Channel"], r["Country"], "Direction", "Status", "Currency", "", "", "Price")
		}
		for _, r := range sb.cpaasExport("sms", w) {
			add("sms", r, "timestamp", "sms", r["country"], "direction", "status", "currency", "smsCount", "", "price")
		}
		for _, r := range sb.cpaasExport("voice", w) {
			add("voice", r, "Timestamp", "voice", "", "Direction", "Status", "Currency", "", "Duration", "Price")
		}
		for k, a := range sums {
			want[k] = fmt.Sprintf("%d %d %d %.4f", a.n, a.parts, a.dur, a.price)
		}
		require.Len(t, want, 4*(12+2+1), "4 days × (12 chat-app channel/country/status, 2 SMS, 1 voice)")
		got := rowsByKey(e.rows(`SELECT toString(day), product, channel, country, direction, status, currency,
			toString(messages), toString(parts), toString(duration_s), toString(price) FROM DB.cpaas_message_volume_daily`), 7)
		for k, v := range got {
			f := strings.Split(v, "\t")
			p, err := strconv.ParseFloat(f[3], 64)
			require.NoError(t, err)
			got[k] = fmt.Sprintf("%s %s %s %.4f", f[0], f[1], f[2], p)
		}
		require.Equal(t, want, got)
	})
}

// rowsByKey runs q (DB. stands for the test database; every column a String) and maps each row:
// the first n columns joined by spaces are the key, the others joined by tabs the value.
func rowsByKey(rows [][]string, n int) map[string]string {
	out := map[string]string{}
	for _, r := range rows {
		out[strings.Join(r[:n], " ")] = strings.Join(r[n:], "\t")
	}
	return out
}

// rows runs q (DB. stands for the test database; every column a String) and returns its rows.
func (e *env) rows(q string) [][]string {
	e.t.Helper()
	rs, err := e.ch.Query(context.Background(), strings.ReplaceAll(q, "DB.", schema.Quote(e.ch.Database())+"."))
	require.NoError(e.t, err, q)
	defer rs.Close()
	var out [][]string
	for rs.Next() {
		vals := make([]string, len(rs.Columns()))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(e.t, rs.Scan(ptrs...))
		out = append(out, vals)
	}
	require.NoError(e.t, rs.Err())
	return out
}

// column runs q and returns its only column.
func (e *env) column(q string) []string {
	var out []string
	for _, r := range e.rows(q) {
		out = append(out, r[0])
	}
	return out
}

// sandboxClient reads the sandbox's vendor APIs the way a person with curl would: plain HTTP,
// encoding/json and encoding/csv, none of ccwh's extract code. It is the truth the views are
// checked against.
type sandboxClient struct {
	t    *testing.T
	base string
}

func (c sandboxClient) do(method, path string, body io.Reader, hdr map[string]string) []byte {
	c.t.Helper()
	u := path
	if !strings.HasPrefix(path, "http") {
		u = c.base + path
	}
	req, err := http.NewRequest(method, u, body)
	require.NoError(c.t, err)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(c.t, err)
	require.Equal(c.t, http.StatusOK, resp.StatusCode, "%s %s: %s", method, path, b)
	return b
}

func (c sandboxClient) json(method, path string, body any, hdr map[string]string, v any) {
	c.t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(c.t, err)
		r = bytes.NewReader(b)
	}
	require.NoError(c.t, json.Unmarshal(c.do(method, path, r, hdr), v), path)
}

func csvMaps(t *testing.T, b []byte) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	require.NoError(t, err)
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

var vccBasic = map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte(sandbox.DefaultTenant+":"+sandbox.DefaultToken))}

// vccCSV reads every page (n=1, 51, …) of an 8x8 CSV list over w.
func (c sandboxClient) vccCSV(path string, w extract.Window) []map[string]string {
	d := url.QueryEscape(w.From.Format(time.RFC3339) + "," + w.To.Format(time.RFC3339))
	var out []map[string]string
	for n := 1; ; n += sandbox.VCCPageSize {
		page := csvMaps(c.t, c.do("GET", fmt.Sprintf("%s?d=%s&n=%d", path, d, n), nil, vccBasic))
		out = append(out, page...)
		if len(page) < sandbox.VCCPageSize {
			return out
		}
	}
}

// convTimes renders a conversation's expected view values: seconds to first response and to
// resolution ("NULL" when none) and messages, tab-separated.
func convTimes(created time.Time, first, resolved *time.Time, messages int) string {
	secs := func(t *time.Time) string {
		if t == nil {
			return "NULL"
		}
		return strconv.FormatInt(t.Unix()-created.Unix(), 10)
	}
	return secs(first) + "\t" + secs(resolved) + "\t" + strconv.Itoa(messages)
}

func earliest(cur *time.Time, t time.Time) *time.Time {
	if cur == nil || t.Before(*cur) {
		return &t
	}
	return cur
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.0000000Z07:00"} {
		if v, err := time.Parse(l, s); err == nil {
			return v
		}
	}
	require.Failf(t, "bad time", "%q", s)
	return time.Time{}
}

// dixaConversations: first response = first message by someone other than the requester that is
// neither automated nor internal; resolved = stateUpdatedAt of a Closed conversation.
func (c sandboxClient) dixaConversations(ids []string) map[string]string {
	hdr := map[string]string{"Authorization": sandbox.DefaultToken}
	out := map[string]string{}
	for _, id := range ids {
		var conv struct {
			Data struct {
				RequesterID, State, CreatedAt, StateUpdatedAt string
			}
		}
		c.json("GET", "/dixa/v1/conversations/"+id, nil, hdr, &conv)
		var msgs struct {
			Data []struct {
				AuthorID   string
				CreatedAt  string
				Attributes struct {
					Direction   string
					IsAutomated bool
				}
			}
		}
		c.json("GET", "/dixa/v1/conversations/"+id+"/messages", nil, hdr, &msgs)
		var first, resolved *time.Time
		for _, m := range msgs.Data {
			if m.AuthorID != conv.Data.RequesterID && m.Attributes.Direction != "Internal" && !m.Attributes.IsAutomated {
				first = earliest(first, mustTime(c.t, m.CreatedAt))
			}
		}
		if conv.Data.State == "Closed" {
			r := mustTime(c.t, conv.Data.StateUpdatedAt)
			resolved = &r
		}
		out["dixa "+id] = convTimes(mustTime(c.t, conv.Data.CreatedAt), first, resolved, len(msgs.Data))
	}
	return out
}

// chatwootConversations: first response = first outgoing message that is not private; resolved
// = the last message of a resolved conversation.
func (c sandboxClient) chatwootConversations(ids []string) map[string]string {
	hdr := map[string]string{"api_access_token": sandbox.DefaultToken}
	acct := fmt.Sprintf("/chatwoot/api/v1/accounts/%d", sandbox.ChatwootAccountID)
	type conv struct {
		ID        int64
		Status    string
		Timestamp json.Number
	}
	all := map[string]conv{}
	for page := 1; ; page++ {
		var list struct{ Data struct{ Payload []conv } }
		c.json("GET", fmt.Sprintf("%s/conversations?status=all&page=%d", acct, page), nil, hdr, &list)
		if len(list.Data.Payload) == 0 {
			break
		}
		for _, cv := range list.Data.Payload {
			all[strconv.FormatInt(cv.ID, 10)] = cv
		}
	}
	out := map[string]string{}
	for _, id := range ids {
		cv, ok := all[id]
		require.True(c.t, ok, "chatwoot conversation %s is served", id)
		var first, last *time.Time
		n := 0
		before := ""
		for {
			var page struct {
				Payload []struct {
					ID          int64
					MessageType any   `json:"message_type"`
					CreatedAt   int64 `json:"created_at"`
					Private     bool
				}
			}
			c.json("GET", acct+"/conversations/"+id+"/messages"+before, nil, hdr, &page)
			if len(page.Payload) == 0 {
				break
			}
			for _, m := range page.Payload {
				n++
				at := time.Unix(m.CreatedAt, 0)
				if last == nil || at.After(*last) {
					last = &at
				}
				if (m.MessageType == "outgoing" || m.MessageType == float64(1)) && !m.Private {
					first = earliest(first, at)
				}
			}
			before = fmt.Sprintf("?before=%d", page.Payload[0].ID)
		}
		created, err := cv.Timestamp.Int64()
		require.NoError(c.t, err)
		if cv.Status != "resolved" {
			last = nil
		}
		out["chatwoot "+id] = convTimes(time.Unix(created, 0), first, last, n)
	}
	return out
}

// vccChatConversations: first response = the first interaction's start; resolved = the last
// interaction's end once every interaction has ended (the API gives messages no time).
func (c sandboxClient) vccChatConversations() map[string]string {
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	require.NoError(c.t, json.Unmarshal(c.do("POST", "/vcc-chat/oauth/v2/token", strings.NewReader("grant_type=client_credentials"), map[string]string{
		"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte(sandbox.VCCChatKey+":"+sandbox.DefaultToken)),
		"Content-Type":  "application/x-www-form-urlencoded"}), &tok))
	out := map[string]string{}
	hdr := map[string]string{"Authorization": "Bearer " + tok.AccessToken}
	for page := 0; ; page++ {
		var list struct {
			Data []struct {
				ID           string
				StartTime    string
				Interactions []struct{ StartTime, EndTime string }
			}
		}
		c.json("GET", fmt.Sprintf("/vcc-chat/vcc/us/chat/v2/tenant/%s/conversations?status=all&page=%d&size=20", sandbox.DefaultTenant, page), nil, hdr, &list)
		if len(list.Data) == 0 {
			return out
		}
		for _, cv := range list.Data {
			var msgs struct{ Messages []any }
			c.json("GET", fmt.Sprintf("/vcc-chat/vcc/us/chat/v2/tenant/%s/conversations/%s/messages", sandbox.DefaultTenant, cv.ID), nil, hdr, &msgs)
			var first, end *time.Time
			ended := len(cv.Interactions) > 0
			for _, in := range cv.Interactions {
				first = earliest(first, mustTime(c.t, in.StartTime))
				if in.EndTime == "" {
					ended = false
					continue
				}
				e := mustTime(c.t, in.EndTime).Truncate(time.Second)
				if end == nil || e.After(*end) {
					end = &e
				}
			}
			if !ended {
				end = nil
			}
			out["vcc_chat "+cv.ID] = convTimes(mustTime(c.t, cv.StartTime), first, end, len(msgs.Messages))
		}
	}
}

// vccTranscripts: first response = the first agent (A) message; resolved = the last message.
func (c sandboxClient) vccTranscripts(guids []string) map[string]string {
	out := map[string]string{}
	for _, g := range guids {
		var tr struct {
			StartDate string
			Messages  struct {
				Message []struct{ MessageTime, MessageFrom string }
			}
		}
		c.json("GET", "/api/recordings/transcripts/"+g+".json", nil, vccBasic, &tr)
		var first, last *time.Time
		for _, m := range tr.Messages.Message {
			at := mustTime(c.t, m.MessageTime)
			if last == nil || at.After(*last) {
				last = &at
			}
			if m.MessageFrom == "A" {
				first = earliest(first, at)
			}
		}
		out["vcc "+g] = convTimes(mustTime(c.t, tr.StartDate), first, last, len(tr.Messages.Message))
	}
	return out
}

// dixaMetric asks the sandbox for one aggregate of a metric over [from, to).
func (c sandboxClient) dixaMetric(id, measure string, from, to time.Time) float64 {
	var resp struct {
		Data struct {
			Aggregates []struct {
				Measure string
				Value   float64
			}
		}
	}
	c.json("POST", "/dixa/v1/analytics/metrics", map[string]any{"id": id, "timezone": "UTC", "aggregations": []string{measure},
		"periodFilter": map[string]any{"_type": "Interval", "start": from.Format(time.RFC3339), "end": to.Format(time.RFC3339)}},
		map[string]string{"Authorization": sandbox.DefaultToken, "Content-Type": "application/json"}, &resp)
	require.Len(c.t, resp.Data.Aggregates, 1)
	return resp.Data.Aggregates[0].Value
}

// cpaasExport runs one CPaaS log-export job over w and returns the rows of all its CSV files.
func (c sandboxClient) cpaasExport(family string, w extract.Window) []map[string]string {
	hdr := map[string]string{"Authorization": "Bearer " + sandbox.DefaultToken, "Content-Type": "application/json"}
	path := "/cpaas/" + family + "/api/v1/subaccounts/acme_sub/messages/exports"
	var job struct{ JobID string }
	c.json("POST", path, map[string]string{"from": w.From.Format(time.RFC3339), "to": w.To.Format(time.RFC3339)}, hdr, &job)
	for range 50 {
		var st struct {
			Status string
			Data   []string
		}
		c.json("GET", path+"/"+job.JobID, nil, hdr, &st)
		if st.Status == "succeeded" {
			var out []map[string]string
			for _, u := range st.Data {
				out = append(out, csvMaps(c.t, c.do("GET", u, nil, nil))...)
			}
			return out
		}
		time.Sleep(5 * time.Millisecond)
	}
	require.FailNow(c.t, "CPaaS export job did not finish", family)
	return nil
}
