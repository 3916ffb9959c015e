package vcc

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/ccwh/ccwh/schema"
)

// entityTag adds two fields, entity-type and entity-id, to every record of a page. The
// 30-minute statistics and SLA records do not say which agent, queue or channel they were read
// for (spec §2.4.8–10), and one table holds all three; the fan-out knows, so it writes it into
// the page before the pipeline decodes it. The fields are ccwh's: no vendor record has them.
// Page.Request still shows the vendor URL; an archived or quarantined page shows the tagged body.
// The same mechanism stamps real-time snapshots with snapshot-at (rtstats.go).
type entityTag struct{ pairs [][2]string }

func newEntityTag(kind, id string) *entityTag {
	return &entityTag{pairs: [][2]string{{fieldEntityType, kind}, {fieldEntityID, id}}}
}

// Field names of the tag, as the tables declare them (schema vcc_stats.go).
const (
	fieldEntityType = "entity-type"
	fieldEntityID   = "entity-id"
)

func (e *entityTag) apply(f schema.Format, t *schema.Table, body []byte) ([]byte, error) {
	switch f {
	case schema.JSON:
		return e.json(t, body)
	case schema.CSV:
		return e.csv(body)
	default:
		return e.xml(t, body), nil
	}
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// xml inserts the fields as the first children of every record start tag <record> or
// <record attr="…">. A record element nested in a record (statuses) is not a case here. A
// document whose root is the record itself (rtstats single items) gets them too.
func (e *entityTag) xml(t *schema.Table, body []byte) []byte {
	re := regexp.MustCompile(`<` + regexp.QuoteMeta(t.Record) + `(\s[^<>/]*)?>`)
	var add string
	for _, p := range e.pairs {
		add += "<" + p[0] + ">" + xmlEscaper.Replace(p[1]) + "</" + p[0] + ">"
	}
	return re.ReplaceAllFunc(body, func(m []byte) []byte { return append(append([]byte(nil), m...), add...) })
}

// json adds the members to every record object of {"root":{"record":[…]}} (or a lone object).
// Other layouts pass unchanged: the decoder judges them.
func (e *entityTag) json(t *schema.Table, body []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return body, nil //nolint:nilerr // not an object: the decoder reports it
	}
	root, ok := doc[t.Root].(map[string]any)
	if !ok {
		return body, nil
	}
	tag := func(v any) {
		if r, ok := v.(map[string]any); ok {
			for _, p := range e.pairs {
				r[p[0]] = p[1]
			}
		}
	}
	switch recs := root[t.Record].(type) {
	case []any:
		for _, r := range recs {
			tag(r)
		}
	case map[string]any:
		tag(recs)
	default:
		return body, nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("re-encode the page: %w", err)
	}
	return b.Bytes(), nil
}

// csv appends two columns.
func (e *entityTag) csv(body []byte) ([]byte, error) {
	r := csv.NewReader(bytes.NewReader(body))
	r.FieldsPerRecord = -1
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for first := true; ; first = false {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return body, nil //nolint:nilerr // the decoder reports the syntax error with its line
		}
		for _, p := range e.pairs {
			if first {
				row = append(row, p[0])
			} else {
				row = append(row, p[1])
			}
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}
