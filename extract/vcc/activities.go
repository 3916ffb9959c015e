package vcc

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ccwh/ccwh/schema"
)

// activitiesStream: GET /api/stats/groups/{group-id}/activities?d=&n= (spec §2.3 #6, §2.4.3),
// one record per transaction an agent handled. The API has no tenant-wide activities endpoint,
// so the stream lists every group from /api/stats/groups (deleted groups too: their agents'
// past activities still fall in old windows) and fans out over them (fanout.go).
func activitiesStream(s *Source) *Stream {
	return groupFanOut(s, "activities", schema.VCCActivities, "activities")
}

// scanField reads one field of every record of a page: XML (<root><record><field>), JSON
// ({"root":{"record":[{"field":…}]}}, a lone record object or an empty root tolerated) or CSV
// (header row naming the field). It returns the values and the number of records. It is the
// small local reader the fan-out needs; decoding pages into tables is transform/'s job.
func scanField(format schema.Format, body []byte, root, rec, field string) (values []string, records int, err error) {
	switch format {
	case schema.JSON:
		return scanJSON(body, root, rec, field)
	case schema.CSV:
		return scanCSV(body, field)
	default:
		return scanXML(body, rec, field)
	}
}

func scanXML(body []byte, rec, field string) ([]string, int, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	var (
		values   []string
		records  int
		depth    int
		recDepth = -1
		val      *strings.Builder
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			if depth != 0 {
				return nil, 0, io.ErrUnexpectedEOF
			}
			return values, records, nil
		}
		if err != nil {
			return nil, 0, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case recDepth < 0 && t.Name.Local == rec && depth == 2:
				recDepth = depth
				records++
			case recDepth > 0 && depth == recDepth+1 && t.Name.Local == field:
				val = &strings.Builder{}
			}
		case xml.CharData:
			if val != nil {
				val.Write(t)
			}
		case xml.EndElement:
			if val != nil && depth == recDepth+1 {
				values = append(values, strings.TrimSpace(val.String()))
				val = nil
			}
			if depth == recDepth {
				recDepth = -1
			}
			depth--
		}
	}
}

func scanJSON(body []byte, root, rec, field string) ([]string, int, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, 0, err
	}
	raw, ok := doc[root]
	if !ok {
		return nil, 0, fmt.Errorf("no %q object", root)
	}
	var inner map[string]json.RawMessage
	if err := json.Unmarshal(raw, &inner); err != nil {
		// An empty list may come as "" or null.
		var s *string
		if json.Unmarshal(raw, &s) == nil && (s == nil || *s == "") {
			return nil, 0, nil
		}
		return nil, 0, fmt.Errorf("%q: %w", root, err)
	}
	list := inner[rec]
	var recs []map[string]any
	if err := json.Unmarshal(list, &recs); err != nil {
		var one map[string]any
		if err1 := json.Unmarshal(list, &one); err1 != nil {
			if len(list) == 0 || string(list) == "null" {
				return nil, 0, nil
			}
			return nil, 0, fmt.Errorf("%q: %w", rec, err)
		}
		recs = []map[string]any{one}
	}
	values := make([]string, 0, len(recs))
	for _, r := range recs {
		switch v := r[field].(type) {
		case nil:
			values = append(values, "")
		case string:
			values = append(values, strings.TrimSpace(v))
		default:
			values = append(values, fmt.Sprint(v))
		}
	}
	return values, len(recs), nil
}

func scanCSV(body []byte, field string) ([]string, int, error) {
	r := csv.NewReader(bytes.NewReader(body))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	col := -1
	for i, h := range header {
		if strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) == field {
			col = i
		}
	}
	if col < 0 {
		return nil, 0, fmt.Errorf("no %q column in header", field)
	}
	var values []string
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			return values, len(values), nil
		}
		if err != nil {
			return nil, 0, err
		}
		v := ""
		if col < len(row) {
			v = strings.TrimSpace(row[col])
		}
		values = append(values, v)
	}
}
