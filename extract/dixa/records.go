package dixa

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// recordsStream: POST /v1/analytics/records?pageLimit&pageKey (spec §6.3–6.4) for every
// configured record id over the window (one Interval), re-posting the same body for each page
// → dixa_analytics_records, one row per record field with its typed value in the column of its
// variant (Entity "record=<id>").
func recordsStream(s *Source) *Stream {
	st := &Stream{src: s, name: "records", table: schema.DixaAnalyticsRecords, mode: extract.Incremental}
	st.fetch = func(ctx context.Context, w extract.Window, emit extract.Emit) error {
		for _, r := range s.cfg.Records {
			body, err := json.Marshal(metricInput{ID: r.ID, Filters: r.Filters, Timezone: s.cfg.Timezone,
				PeriodFilter: s.interval(w.From, w.To)})
			if err != nil {
				return err
			}
			err = s.fetch(ctx, request{stream: st, table: st.table, path: "/v1/analytics/records", post: body, paged: true,
				entity: "record=" + r.ID, window: w,
				reshape: func(data json.RawMessage) ([]map[string]any, error) { return recordRows(data, r.ID) }}, emit)
			if err != nil {
				return err
			}
		}
		return nil
	}
	return st
}

// recordRows spreads MetricRecords into one row per field. Records carry no id: recordKey is
// the SHA-256 of the record's canonical JSON. A record without fields still gives one row.
func recordRows(data json.RawMessage, id string) ([]map[string]any, error) {
	recs, err := records(data)
	if err != nil {
		return nil, err
	}
	var out []map[string]any
	for _, rec := range recs {
		canon, err := json.Marshal(rec)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(canon)
		base := map[string]any{"recordId": id, "recordKey": hex.EncodeToString(sum[:16])}
		for k, v := range rec {
			switch k {
			case "fields":
			case "primaryTimestampField":
				if m, ok := v.(map[string]any); ok {
					base["primaryTimestampField.name"] = m["name"]
					base["primaryTimestampField.timestamp"] = stripAny(m["timestamp"])
					for mk, mv := range m {
						if mk != "name" && mk != "timestamp" && mk != "_type" {
							base["primaryTimestampField."+mk] = mv
						}
					}
				} else {
					base[k] = v
				}
			default:
				base[k] = v // value (JSON text), unknown keys (_extra)
			}
		}
		fields, ok := rec["fields"].([]any)
		if !ok && rec["fields"] != nil {
			return nil, fmt.Errorf("%w: fields of a %s record is not an array", ErrShape, id)
		}
		if len(fields) == 0 {
			out = append(out, base)
			continue
		}
		for _, f := range fields {
			row := make(map[string]any, len(base)+4)
			for k, v := range base {
				row[k] = v
			}
			fm, ok := f.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%w: a field of a %s record is not an object", ErrShape, id)
			}
			row["name"] = fm["name"]
			for k, v := range fm {
				if k != "name" && k != "field" {
					row["field."+k] = v // unknown Field keys: _extra
				}
			}
			spreadField(fm["field"], row)
			out = append(out, row)
		}
	}
	return out, nil
}

// spreadField puts a FieldType's value into the column of its variant.
func spreadField(v any, row map[string]any) {
	ft, ok := v.(map[string]any)
	if !ok {
		row["unknownField"] = v
		return
	}
	typ, _ := ft["_type"].(string)
	row["field._type"] = ft["_type"]
	switch typ {
	case "StringField":
		row["stringValue"], row["label"] = ft["value"], ft["label"]
	case "UUIDField":
		row["uuidValue"], row["label"] = ft["value"], ft["label"]
	case "DoubleField":
		row["doubleValue"] = ft["value"]
	case "LongField":
		row["longValue"] = ft["value"]
	case "IntField":
		row["intValue"], row["longValue"] = ft["value"], ft["value"]
	case "BooleanField":
		row["booleanValue"] = ft["value"]
	case "InstantField":
		row["instantValue"] = stripAny(ft["value"])
	case "TimestampField":
		row["timestampName"], row["instantValue"] = ft["name"], stripAny(ft["timestamp"])
	case "ListField":
		row["listValues"] = ft["values"]
	default:
		// An unknown variant is kept whole in _extra, under a key that is no column's path
		// prefix (the decoder would otherwise split it up).
		row["unknownField"] = ft
	}
}

func stripAny(v any) any {
	if s, ok := v.(string); ok {
		return stripZone(s)
	}
	return v
}
