package httpx

import (
	"errors"
	"net/url"
	"strings"
)

// secretParams are query parameters whose values never appear in logs or errors (lower case).
var secretParams = map[string]bool{
	"token": true, "access_token": true, "refresh_token": true, "id_token": true,
	"api_key": true, "apikey": true, "api-key": true, "key": true,
	"password": true, "passwd": true, "pwd": true, "secret": true, "client_secret": true,
	"auth": true, "authorization": true, "signature": true, "sig": true, "x-amz-signature": true,
}

// Redacted replaces secret values.
const Redacted = "REDACTED"

// Redact returns rawURL without userinfo and with the values of known secret query parameters
// replaced by REDACTED. The rest of the URL is kept byte for byte.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		// Cannot tell where secrets are: keep only what is before any userinfo or query.
		s := rawURL
		if i := strings.IndexAny(s, "?#"); i >= 0 {
			s = s[:i]
		}
		if i := strings.LastIndex(s, "@"); i >= 0 {
			if j := strings.Index(s, "://"); j >= 0 && j < i {
				s = s[:j+3] + s[i+1:]
			}
		}
		return s
	}
	u.User = nil
	if u.RawQuery != "" {
		parts := strings.Split(u.RawQuery, "&")
		for i, p := range parts {
			k, _, hasValue := strings.Cut(p, "=")
			name, err := url.QueryUnescape(k)
			if err != nil {
				name = k
			}
			if hasValue && secretParams[strings.ToLower(name)] {
				parts[i] = k + "=" + Redacted
			}
		}
		u.RawQuery = strings.Join(parts, "&")
	}
	return u.String()
}

// redactErr drops the *url.Error wrapper that net/http puts around transport errors: its message
// repeats the URL unredacted, and callers already name the redacted URL.
func redactErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Err != nil {
			return ue.Err
		}
		ue.URL = Redact(ue.URL)
	}
	return err
}
