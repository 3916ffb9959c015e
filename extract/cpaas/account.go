package cpaas

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"time"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

// statsStreams are the automation and account statistics streams.
func (s *Source) statsStreams() []*Stream {
	return []*Stream{definitionsStream(s), instancesStream(s), usageHistoryStream(s), usageStream(s), numbersStream(s), balanceStream(s)}
}

// oneShot builds a dimension stream of one GET whose body flatten turns into records.
func (s *Source) oneShot(name string, table *schema.Table, needs string, u func() string, flatten func(body []byte, at time.Time) ([]obj, error)) *Stream {
	st := &Stream{src: s, name: name, table: table, mode: extract.Dimension, needs: needs}
	st.fetch = func(ctx context.Context, _ extract.Window, emit extract.Emit) error {
		c := call{st: st, page: 1}
		resp, err := s.get(ctx, c, u())
		if err != nil {
			return err
		}
		recs, err := flatten(resp.Body, s.now().UTC().Truncate(time.Minute))
		if err != nil {
			return s.fail(c, "GET "+httpx.Redact(u()), resp.Status, err)
		}
		return s.emitRecords(ctx, c, emit, table, "GET "+httpx.Redact(u()), resp, recs)
	}
	return st
}

func (s *Source) accountURL(path string) string {
	return s.cfg.AutomationURL + "/api/v1/accounts/" + url.PathEscape(s.cfg.AccountID) + path
}

// usageHistoryStream: GET automation…/usage/history — one record per month (§5.5; the schema
// printed is a copy-paste, the example is the shape).
func usageHistoryStream(s *Source) *Stream {
	return s.oneShot("automation_usage_history", schema.CPaaSAutomationUsageHistory, "account_id",
		func() string { return s.accountURL("/usage/history") },
		func(body []byte, _ time.Time) ([]obj, error) {
			items, err := decodeList(body)
			for _, it := range items {
				if _, ok := it["accountId"]; !ok {
					it["accountId"] = raw(s.cfg.AccountID)
				}
			}
			return items, err
		})
}

// usageStream: GET automation…/usage — a single object (§5.6), one snapshot per run.
func usageStream(s *Source) *Stream {
	return s.oneShot("automation_usage", schema.CPaaSAutomationUsage, "account_id",
		func() string { return s.accountURL("/usage") },
		func(body []byte, at time.Time) ([]obj, error) {
			var o obj
			if err := json.Unmarshal(body, &o); err != nil {
				return nil, errors.Join(ErrBadResponse, err)
			}
			o["accountId"] = raw(s.cfg.AccountID)
			o["ccwhSnapshotAt"] = raw(at.Format(time.RFC3339))
			return []obj{o}, nil
		})
}

// numbersStream: GET voice…/subaccounts/{sub}/numbers (§7.1): numbers[] with numberHealth
// flattened and the list's lastUpdatedAt on every row.
func numbersStream(s *Source) *Stream {
	return s.oneShot("voice_numbers", schema.CPaaSVoiceNumbers, "sub_account_id",
		func() string {
			return s.cfg.VoiceURL + "/api/v1/subaccounts/" + url.PathEscape(s.cfg.SubAccountID) + "/numbers"
		},
		func(body []byte, _ time.Time) ([]obj, error) {
			var list struct {
				LastUpdatedAt json.RawMessage `json:"lastUpdatedAt"`
				Numbers       []obj           `json:"numbers"`
			}
			if err := json.Unmarshal(body, &list); err != nil {
				return nil, errors.Join(ErrBadResponse, err)
			}
			for _, n := range list.Numbers {
				var h obj
				if v, ok := n["numberHealth"]; ok && json.Unmarshal(v, &h) == nil {
					delete(n, "numberHealth")
					for k, v := range h {
						switch k {
						case "isHealthy":
							n["numberHealthIsHealthy"] = v
						case "status":
							n["numberHealthStatus"] = v
						case "lastCheckedTime":
							n["numberHealthLastCheckedTime"] = v
						default:
							n["numberHealth."+k] = v
						}
					}
				}
				if len(list.LastUpdatedAt) > 0 {
					n["lastUpdatedAt"] = list.LastUpdatedAt
				}
				n["subAccountId"] = raw(s.cfg.SubAccountID)
			}
			return list.Numbers, nil
		})
}

// balanceStream: GET sms…/accounts/{acc}/balance (§6.1), one snapshot per run. Postpaid
// accounts answer error 1201 ("Account not in prepaid mode"): the run succeeds with no row.
func balanceStream(s *Source) *Stream {
	st := s.oneShot("sms_balance", schema.CPaaSSMSBalance, "account_id",
		func() string {
			return s.cfg.SMSURL + "/api/v1/accounts/" + url.PathEscape(s.cfg.AccountID) + "/balance"
		},
		func(body []byte, at time.Time) ([]obj, error) {
			var o obj
			if err := json.Unmarshal(body, &o); err != nil {
				return nil, errors.Join(ErrBadResponse, err)
			}
			o["accountId"] = raw(s.cfg.AccountID)
			o["ccwhSnapshotAt"] = raw(at.Format(time.RFC3339))
			return []obj{o}, nil
		})
	inner := st.fetch
	st.fetch = func(ctx context.Context, w extract.Window, emit extract.Emit) error {
		err := inner(ctx, w, emit)
		var ae *APIError
		if errors.As(err, &ae) && ae.Code == 1201 {
			s.log.Info().Str(extract.LogStream, st.name).Msg("the account is not prepaid (8x8 error 1201): no balance to load")
			return nil
		}
		return err
	}
	return st
}
