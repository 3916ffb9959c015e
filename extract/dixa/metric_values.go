package dixa

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// metricValuesStream: POST /v1/analytics/metrics (spec §6.2) for every configured metric and
// every interval of the window (one call per interval: the API has no time bucketing), with
// the configured aggregations, filters and timezone → dixa_analytics_metric_values, one row per
// aggregate. Intervals are calendar days in the configured timezone by default; every interval
// that starts in the window is fetched whole (Entity "metric=<id> interval=<start>").
func metricValuesStream(s *Source) *Stream {
	st := &Stream{src: s, name: "metric_values", table: schema.DixaAnalyticsMetricValues, mode: extract.Incremental}
	st.fetch = func(ctx context.Context, w extract.Window, emit extract.Emit) error {
		for _, m := range s.cfg.Metrics {
			filters, err := filtersJSON(m.Filters)
			if err != nil {
				return err
			}
			for _, iv := range s.intervals(w) {
				body, err := json.Marshal(metricInput{ID: m.ID, Filters: m.Filters, Timezone: s.cfg.Timezone,
					Aggregations: m.Aggregations, PeriodFilter: s.interval(iv[0], iv[1])})
				if err != nil {
					return err
				}
				add := map[string]any{"intervalStart": utc(iv[0]), "intervalEnd": utc(iv[1]),
					"timezone": s.cfg.Timezone, "filters": filters}
				err = s.fetch(ctx, request{stream: st, table: st.table, path: "/v1/analytics/metrics", post: body,
					entity: "metric=" + m.ID + " interval=" + utc(iv[0]), window: w,
					reshape: func(data json.RawMessage) ([]map[string]any, error) { return metricRows(data, m.ID, add) }}, emit)
				if err != nil {
					return err
				}
			}
		}
		return nil
	}
	return st
}

type metricInput struct {
	ID           string         `json:"id"`
	Filters      []Filter       `json:"filters,omitempty"`
	Timezone     string         `json:"timezone"`
	Aggregations []string       `json:"aggregations,omitempty"`
	PeriodFilter map[string]any `json:"periodFilter"`
}

// metricRows spreads MetricData {id, aggregates: [AggregateValue]} into one row per aggregate.
// LongAggregateValue fills value and longValue, DoubleAggregateValue value; an unknown variant
// keeps its measure and _type and the whole aggregate in _extra.
func metricRows(data json.RawMessage, id string, add map[string]any) ([]map[string]any, error) {
	recs, err := records(data)
	if err != nil {
		return nil, err
	}
	var out []map[string]any
	for _, md := range recs {
		mid := idString(md["id"])
		if mid == "" {
			mid = id
		}
		aggs, ok := md["aggregates"].([]any)
		if !ok && md["aggregates"] != nil {
			return nil, fmt.Errorf("%w: aggregates of metric %s is not an array", ErrShape, mid)
		}
		for _, a := range aggs {
			agg, ok := a.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%w: an aggregate of metric %s is not an object", ErrShape, mid)
			}
			row := map[string]any{"id": mid, "measure": agg["measure"], "_type": agg["_type"]}
			for k, v := range add {
				row[k] = v
			}
			switch agg["_type"] {
			case "LongAggregateValue":
				row["value"], row["longValue"] = agg["value"], agg["value"]
			case "DoubleAggregateValue":
				row["value"] = agg["value"]
			default:
				row["aggregate"] = agg
			}
			out = append(out, row)
		}
	}
	return out, nil
}

// intervals splits w into the configured intervals: calendar days in the timezone for 24h,
// else multiples of Interval since the Unix epoch. The first interval may start before w.From.
func (s *Source) intervals(w extract.Window) [][2]time.Time {
	var start time.Time
	day := s.cfg.Interval == 24*time.Hour
	if day {
		f := w.From.In(s.loc)
		start = time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, s.loc)
	} else {
		start = w.From.Truncate(s.cfg.Interval).In(s.loc)
	}
	var out [][2]time.Time
	for t := start; t.Before(w.To); {
		next := t.Add(s.cfg.Interval)
		if day {
			next = time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, s.loc)
		}
		out = append(out, [2]time.Time{t, next})
		t = next
	}
	return out
}

// interval is a PeriodFilter Interval (spec §6.2), bounds written in the source's timezone.
func (s *Source) interval(from, to time.Time) map[string]any {
	return map[string]any{"_type": "Interval", "start": from.In(s.loc).Format(time.RFC3339), "end": to.In(s.loc).Format(time.RFC3339)}
}

func utc(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// filtersJSON is the filters as canonical JSON text ("[]" when none): part of the row's key.
func filtersJSON(f []Filter) (string, error) {
	if f == nil {
		f = []Filter{}
	}
	b, err := json.Marshal(f)
	return string(b), err
}
