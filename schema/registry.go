package schema

import (
	"fmt"
	"slices"
	"sort"
)

// Version is the schema version recorded by migrations. Bump it whenever a table changes.
const Version = 3 // 3: _ccwh_erasures, _ccwh_holds, _ccwh_keys, _ccwh_retention; cross-vendor views

// Tables returns every table ccwh loads, in name order.
func Tables() []*Table {
	out := make([]*Table, 0, len(registry))
	for _, t := range registry {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup returns the table with the given name.
func Lookup(name string) (*Table, error) {
	if t, ok := registry[name]; ok {
		return t, nil
	}
	return nil, fmt.Errorf("schema: unknown table %q", name)
}

// vendorTables lists every vendor's tables; each vendor file declares its own slice.
var vendorTables = [][]*Table{
	vccTables,
	cpaasLogTables,
	cpaasStatsTables,
	vccChatTables,
	chatwootTables,
	dixaTables,
}

var registry = func() map[string]*Table {
	m := map[string]*Table{}
	for _, t := range slices.Concat(vendorTables...) {
		if _, dup := m[t.Name]; dup {
			panic("schema: duplicate table " + t.Name)
		}
		m[t.Name] = t
	}
	return m
}()
