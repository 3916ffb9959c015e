package dixa

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// Why the extractor reshapes: Dixa's records are nested objects and `_type`-tagged unions
// (conversations, message attributes, contents, analytics fields) while transform's JSON decoder
// reads flat records. Each record is flattened into one object whose keys are the dotted paths
// of its values ("queue.id", "attributes.emailContent.content._type"): exactly the Field of a
// schema column, so every variant's fields land in their own nullable columns and anything the
// schema does not know lands in _extra. Arrays and open-keyed maps (opaque paths) stay JSON.
// The analytics responses are reshaped further (metric_values.go, records.go): one row per
// aggregate and per record field.
//
// A page whose body is not JSON is handed to the pipeline as the vendor sent it, so the
// decoder rejects it and the quarantine keeps the original bytes.

// envelope is every Dixa response: {"data": …, "meta": {"next": url}}; a top-level "pageKey"
// is accepted too (spec §3: Dixa's own MCP client reads one).
type envelope struct {
	Data json.RawMessage `json:"data"`
	Meta *struct {
		Next string `json:"next"`
	} `json:"meta"`
	PageKey string `json:"pageKey"`
}

func (e envelope) next() string {
	if e.Meta != nil && e.Meta.Next != "" {
		return e.Meta.Next
	}
	return ""
}

// decodeJSON decodes b keeping numbers as json.Number (int64 ids stay exact).
func decodeJSON(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return fmt.Errorf("content after the JSON document")
	}
	return nil
}

// records returns the objects in data: an array of objects, one object, or null/absent (none).
func records(data json.RawMessage) ([]map[string]any, error) {
	t := bytes.TrimSpace(data)
	if len(t) == 0 || string(t) == "null" {
		return nil, nil
	}
	switch t[0] {
	case '[':
		var out []map[string]any
		if err := decodeJSON(t, &out); err != nil {
			return nil, fmt.Errorf("%w: data is not an array of objects: %v", ErrShape, err)
		}
		return out, nil
	case '{':
		var one map[string]any
		if err := decodeJSON(t, &one); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrShape, err)
		}
		return []map[string]any{one}, nil
	}
	return nil, fmt.Errorf("%w: data is neither an object nor an array", ErrShape)
}

// flatten writes the values of rec under dotted keys into out. Objects are descended into
// unless their path is in opaque; everything else (scalars, arrays, empty objects, opaque
// objects) is a value. Timestamps with a Java zone suffix ("…Z[GMT]", spec §2.3) lose it.
func flatten(prefix string, rec map[string]any, opaque map[string]bool, out map[string]any) {
	for k, v := range rec {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		if m, ok := v.(map[string]any); ok && len(m) > 0 && !opaque[key] {
			flatten(key, m, opaque, out)
			continue
		}
		if s, ok := v.(string); ok {
			v = stripZone(s)
		}
		out[key] = v
	}
}

// zoneSuffix matches an ISO timestamp followed by a bracketed zone id: 2021-12-01T12:46:36.581Z[GMT].
var zoneSuffix = regexp.MustCompile(`^(\d{4}-\d\d-\d\dT[0-9:.,]+(?:Z|[+-]\d\d(?::?\d\d)?)?)\[[^\]]*\]$`)

func stripZone(s string) string {
	if strings.HasSuffix(s, "]") {
		if m := zoneSuffix.FindStringSubmatch(s); m != nil {
			return m[1]
		}
	}
	return s
}

// flatRecords flattens every record of data, adding the keys of add (request context such as
// the conversation id) to each.
func flatRecords(data json.RawMessage, opaque map[string]bool, add map[string]any) ([]map[string]any, error) {
	recs, err := records(data)
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, 0, len(recs))
	for _, r := range recs {
		f := make(map[string]any, len(r)+len(add))
		flatten("", r, opaque, f)
		for k, v := range add {
			f[k] = v
		}
		out = append(out, f)
	}
	return out, nil
}

// pageBody renders flat records as {"data":[…]}, the layout transform's JSON decoder reads.
func pageBody(recs []map[string]any) ([]byte, error) {
	if recs == nil {
		recs = []map[string]any{}
	}
	return json.Marshal(struct {
		Data []map[string]any `json:"data"`
	}{recs})
}

func set(paths ...string) map[string]bool {
	m := make(map[string]bool, len(paths))
	for _, p := range paths {
		m[p] = true
	}
	return m
}
