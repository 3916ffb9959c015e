package dixa

import (
	"context"
	"net/url"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// analyticsMetricsStream: GET /v1/analytics/metrics?pageLimit&pageKey (spec §6.1), the metric
// catalogue: ids, descriptions, their filters and aggregations (JSON).
func analyticsMetricsStream(s *Source) *Stream {
	st := &Stream{src: s, name: "analytics_metrics", table: schema.DixaAnalyticsMetrics, mode: extract.Dimension}
	st.fetch = func(ctx context.Context, _ extract.Window, emit extract.Emit) error {
		return s.fetch(ctx, request{stream: st, table: st.table, path: "/v1/analytics/metrics", paged: true}, emit)
	}
	return st
}

// analyticsRecordTypesStream: GET /v1/analytics/records?pageLimit&pageKey (spec §6.1), the
// record catalogue with each record's field metadata (JSON).
func analyticsRecordTypesStream(s *Source) *Stream {
	st := &Stream{src: s, name: "analytics_record_types", table: schema.DixaAnalyticsRecordTypes, mode: extract.Dimension}
	st.fetch = func(ctx context.Context, _ extract.Window, emit extract.Emit) error {
		return s.fetch(ctx, request{stream: st, table: st.table, path: "/v1/analytics/records", paged: true}, emit)
	}
	return st
}

// analyticsFiltersStream: GET /v1/analytics/filter/{filterAttribute}?pageLimit&pageKey for each
// configured attribute (spec §6.1), the values analytics filters accept (Entity
// "attribute=<name>", filterAttribute added to each row).
func analyticsFiltersStream(s *Source) *Stream {
	st := &Stream{src: s, name: "analytics_filter_values", table: schema.DixaAnalyticsFilterValues, mode: extract.Dimension}
	st.fetch = func(ctx context.Context, _ extract.Window, emit extract.Emit) error {
		for _, a := range s.cfg.FilterAttributes {
			err := s.fetch(ctx, request{stream: st, table: st.table, entity: "attribute=" + a, paged: true,
				path: "/v1/analytics/filter/" + url.PathEscape(a), add: map[string]any{"filterAttribute": a}}, emit)
			if err != nil {
				return err
			}
		}
		return nil
	}
	return st
}
