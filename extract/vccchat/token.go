package vccchat

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ccwh/ccwh/extract/httpx"
)

// tokenSource issues and caches OAuth2 client-credentials tokens (A.4): POST /oauth/v2/token,
// HTTP Basic key:secret, form grant_type=client_credentials. expires_in is a string of seconds
// in this API; a token is renewed RefreshBefore ahead of its expiry (or at half its lifetime
// when that is shorter), and at once when the API rejects it (invalidate).
type tokenSource struct {
	client        *httpx.Client
	url           string
	basic         string
	refreshBefore time.Duration
	now           func() time.Time

	mu      sync.Mutex
	token   string
	renewAt time.Time
	issued  int // tokens issued so far
}

// AuthResponse is the token endpoint's answer; every field is a JSON string except
// api_product_list (A.4).
type AuthResponse struct {
	AccessToken           string   `json:"access_token"`
	TokenType             string   `json:"token_type"`
	ExpiresIn             string   `json:"expires_in"`
	IssuedAt              string   `json:"issued_at"`
	RefreshTokenExpiresIn string   `json:"refresh_token_expires_in"`
	APIProductList        []string `json:"api_product_list"`
	OrganizationName      string   `json:"organization_name"`
	ClientID              string   `json:"client_id"`
	ApplicationName       string   `json:"application_name"`
	Scope                 string   `json:"scope"`
	RefreshCount          string   `json:"refresh_count"`
	Status                string   `json:"status"`
}

// ParseAuthResponse decodes the token answer; expires_in may be a string (documented) or a
// number, in seconds.
func ParseAuthResponse(body []byte) (AuthResponse, time.Duration, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return AuthResponse{}, 0, fmt.Errorf("%w: token response: %v", ErrToken, err)
	}
	// Numbers where strings are documented are accepted: normalise to strings first.
	for _, k := range []string{"expires_in", "issued_at", "refresh_token_expires_in", "refresh_count"} {
		if v, ok := raw[k]; ok && len(v) > 0 && v[0] != '"' {
			raw[k] = json.RawMessage(strconv.Quote(string(v)))
		}
	}
	norm, _ := json.Marshal(raw)
	var ar AuthResponse
	if err := json.Unmarshal(norm, &ar); err != nil {
		return AuthResponse{}, 0, fmt.Errorf("%w: token response: %v", ErrToken, err)
	}
	if ar.AccessToken == "" {
		return AuthResponse{}, 0, fmt.Errorf("%w: the token response has no access_token", ErrToken)
	}
	ttl := time.Hour // OAuth convention when expires_in is missing
	if s := strings.TrimSpace(ar.ExpiresIn); s != "" {
		n, err := strconv.ParseFloat(s, 64)
		if err != nil || n < 0 {
			return AuthResponse{}, 0, fmt.Errorf("%w: expires_in %q is not a number of seconds", ErrToken, ar.ExpiresIn)
		}
		ttl = time.Duration(min(n, 365*24*3600) * float64(time.Second))
	}
	return ar, ttl, nil
}

func newTokenSource(client *httpx.Client, tokenURL, key, secret string, refreshBefore time.Duration) *tokenSource {
	return &tokenSource{client: client, url: tokenURL, refreshBefore: refreshBefore, now: time.Now,
		basic: "Basic " + base64.StdEncoding.EncodeToString([]byte(key+":"+secret))}
}

// get returns a valid token, fetching a new one when there is none or it is due for renewal.
func (ts *tokenSource) get(ctx context.Context) (string, error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.token != "" && ts.now().Before(ts.renewAt) {
		return ts.token, nil
	}
	form := url.Values{"grant_type": {"client_credentials"}}.Encode()
	resp, err := ts.client.Post(ctx, ts.url, http.Header{
		"Authorization": {ts.basic}, "Content-Type": {"application/x-www-form-urlencoded"}, "Accept": {"application/json"},
	}, []byte(form))
	if err != nil {
		return "", fmt.Errorf("get an access token: %w", explain(err))
	}
	ar, ttl, err := ParseAuthResponse(resp.Body)
	if err != nil {
		return "", err
	}
	margin := ts.refreshBefore
	if ttl/2 < margin {
		margin = ttl / 2
	}
	ts.token, ts.renewAt = ar.AccessToken, ts.now().Add(ttl-margin)
	ts.issued++
	return ts.token, nil
}

// invalidate drops token if it is still the cached one (the API rejected it).
func (ts *tokenSource) invalidate(token string) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.token == token {
		ts.token = ""
	}
}

// Issued reports how many tokens were fetched (tests, logs).
func (ts *tokenSource) Issued() int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.issued
}
