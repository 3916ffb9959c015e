package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func sbDo(t *testing.T, srv *httptest.Server, method, path, auth, body string, hdr ...string) (int, map[string]any, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return resp.StatusCode, m, string(b)
}

// TestCPaaSExportJobStateMachine: queued → running → succeeded with two signed CSV links;
// DELETE cancels; unknown jobs answer 4018; expired links answer 403.
func TestCPaaSExportJobStateMachine(t *testing.T) {
	s := New(Options{Now: func() time.Time { return time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC) }})
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	auth := "Bearer " + DefaultToken
	base := "/cpaas/chatapps/api/v1/subaccounts/acme_sub/messages/exports"

	code, _, _ := sbDo(t, srv, "POST", base, "Bearer nope", `{}`)
	require.Equal(t, 401, code)
	code, m, _ := sbDo(t, srv, "POST", base, auth, `{"from":"2026-01-02","to":"2026-01-02T12:00:00+07:00"}`)
	require.Equal(t, 200, code)
	id := m["jobId"].(string)
	require.Len(t, id, 64)
	for _, want := range []string{"queued", "running", "succeeded"} {
		_, m, _ = sbDo(t, srv, "GET", base+"/"+id, auth, "")
		require.Equal(t, want, m["status"])
	}
	links := m["data"].([]any)
	require.Len(t, links, 2)
	rows := 0
	for _, l := range links {
		resp, err := http.Get(l.(string))
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.Equal(t, 200, resp.StatusCode)
		require.True(t, strings.HasPrefix(string(b), "UMID,SubAccountId,Timestamp"))
		rows += strings.Count(string(b), "\n") - 1
	}
	require.Equal(t, 5*60/7+1, rows, "one message every 7 minutes in [00:00, 05:00)")

	code, m, _ = sbDo(t, srv, "GET", base+"/nope", auth, "")
	require.Equal(t, 404, code)
	require.EqualValues(t, 4018, m["code"])

	_, m, _ = sbDo(t, srv, "POST", base, auth, `{"from":"2026-01-02","to":"2026-01-03"}`)
	id2 := m["jobId"].(string)
	code, _, _ = sbDo(t, srv, "DELETE", base+"/"+id2, auth, "")
	require.Equal(t, 204, code)
	_, m, _ = sbDo(t, srv, "GET", base+"/"+id2, auth, "")
	require.Equal(t, "cancelled", m["status"])

	s.CPaaS().SetLinkTTL(-time.Hour)
	s.CPaaS().ScriptJobs("failed")
	_, m, _ = sbDo(t, srv, "POST", base, auth, `{"from":"2026-01-02","to":"2026-01-03"}`)
	id3 := m["jobId"].(string)
	for range 3 {
		_, m, _ = sbDo(t, srv, "GET", base+"/"+id3, auth, "")
	}
	require.Equal(t, "failed", m["status"])
	require.Nil(t, m["data"])

	_, m, _ = sbDo(t, srv, "POST", base, auth, `{"from":"2026-01-02","to":"2026-01-03"}`)
	id4 := m["jobId"].(string)
	for range 3 {
		_, m, _ = sbDo(t, srv, "GET", base+"/"+id4, auth, "")
	}
	resp, err := http.Get(m["data"].([]any)[0].(string))
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, 403, resp.StatusCode)
	require.Contains(t, string(b), "Request has expired")

	code, _, _ = sbDo(t, srv, "POST", base, auth, `{"from":"2026-01-03","to":"2026-01-02"}`)
	require.Equal(t, 400, code, "from must be before to")
}

// TestChatwootListsOpenByDefault: without status= only open conversations are listed; pages end
// with an empty page.
func TestChatwootListsOpenByDefault(t *testing.T) {
	s := New(Options{})
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	_, m, _ := sbDo(t, srv, "GET", "/chatwoot/api/v1/accounts/1/conversations", "", "", "api_access_token", DefaultToken)
	for _, c := range m["data"].(map[string]any)["payload"].([]any) {
		require.Equal(t, "open", c.(map[string]any)["status"])
	}
	_, _, body := sbDo(t, srv, "GET", "/chatwoot/api/v1/accounts/1/contacts?page=99", "", "", "api_access_token", DefaultToken)
	require.Equal(t, "[]\n", body)
	code, _, _ := sbDo(t, srv, "GET", "/chatwoot/api/v1/accounts/1/teams", "", "")
	require.Equal(t, 401, code)
}

// TestVCCChatTokenExpiry: tokens expire after their TTL or after RevokeAfter requests.
func TestVCCChatTokenExpiry(t *testing.T) {
	s := New(Options{})
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	s.VCCChat().RevokeAfter(1)
	basic := "Basic YWNtZS1jaGF0LWtleTpzYW5kYm94LXRva2Vu" // acme-chat-key:sandbox-token
	code, m, _ := sbDo(t, srv, "POST", "/vcc-chat/oauth/v2/token", basic, "grant_type=client_credentials", "Content-Type", "application/x-www-form-urlencoded")
	require.Equal(t, 200, code)
	require.Equal(t, "3600", m["expires_in"])
	tok := "Bearer " + m["access_token"].(string)
	code, _, _ = sbDo(t, srv, "GET", "/vcc-chat/vcc/us/chat/v2/tenant/acme/channels", tok, "")
	require.Equal(t, 200, code)
	code, m, _ = sbDo(t, srv, "GET", "/vcc-chat/vcc/us/chat/v2/tenant/acme/channels", tok, "")
	require.Equal(t, 401, code)
	require.Equal(t, "Invalid Access Token", m["fault"].(map[string]any)["faultstring"])
	code, m, _ = sbDo(t, srv, "POST", "/vcc-chat/oauth/v2/token", basic, "grant_type=password", "Content-Type", "application/x-www-form-urlencoded")
	require.Equal(t, 400, code)
	require.Equal(t, "invalid_request", m["ErrorCode"])
}
