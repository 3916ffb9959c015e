package vcc

import (
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

func TestPageURL(t *testing.T) {
	w := extract.Window{From: time.Date(2007, 8, 5, 13, 15, 0, 0, time.UTC), To: time.Date(2007, 8, 7, 14, 30, 0, 0, time.UTC)}
	la, _ := time.LoadLocation("America/Los_Angeles")
	cases := []struct {
		name   string
		format schema.Format
		tz     string
		path   string
		w      extract.Window
		offset int
		want   string
	}{
		{"dimension first page", schema.XML, "", "/groups", extract.Window{}, 1, "https://h/api/stats/groups.xml"},
		{"dimension next page", schema.CSV, "", "/agents", extract.Window{}, 51, "https://h/api/stats/agents.csv?n=51"},
		{"all interactions", schema.JSON, "", "/allinteractions", w, 1,
			"https://h/api/stats/allinteractions.json?d=20070805T1315Z,20070807T1430Z"},
		{"tz and n", schema.XML, "America/New_York", "/groups/122/activities", w, 101,
			"https://h/api/stats/groups/122/activities.xml?d=20070805T1315Z,20070807T1430Z&tz=America%2FNew_York&n=101"},
		{"window in another zone is sent in UTC", schema.XML, "", "/allinteractions",
			extract.Window{From: w.From.In(la), To: w.To.In(la)}, 1,
			"https://h/api/stats/allinteractions.xml?d=20070805T1315Z,20070807T1430Z"},
		{"seconds widen to whole minutes", schema.XML, "", "/allinteractions",
			extract.Window{From: w.From.Add(59 * time.Second), To: w.To.Add(time.Second)}, 1,
			"https://h/api/stats/allinteractions.xml?d=20070805T1315Z,20070807T1431Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := New(Config{Source: "a", BaseURL: "https://h", Tenant: "t", Token: "x", Format: c.format, TZ: c.tz},
				httpx.New(httpx.Options{}, zerolog.Nop()), zerolog.Nop())
			require.NoError(t, err)
			require.Equal(t, c.want, s.pageURL(c.path, c.w, c.offset))
		})
	}
}

func TestScanField(t *testing.T) {
	cases := []struct {
		name    string
		format  schema.Format
		body    string
		want    []string
		records int
		err     string
	}{
		{"xml sample", schema.XML, `<?xml version='1.0'  encoding='UTF-8' ?>
<groups>
    <group>

        <group-id>122</group-id>
        <group-name>Support</group-name>
        <deleted>No</deleted>
    </group>

    <group>
        <group-id> 123 </group-id>
        <group-name>East Coast Sales</group-name>
        <deleted>Yes</deleted>

    </group>
    <group><group-id /></group>
</groups>`, []string{"122", "123", ""}, 3, ""},
		{"xml empty", schema.XML, "<groups>\n</groups>\n", nil, 0, ""},
		{"xml truncated", schema.XML, "<groups><group><group-id>1</group-id></group><gro", nil, 0, "EOF"},
		{"xml malformed", schema.XML, "<groups><group><group-id>1</group-ids></group></groups>", nil, 0, "element <group-id> closed by </group-ids>"},
		{"json", schema.JSON, `{"groups":{"group":[{"group-id":"122"},{"group-id":123},{"group-name":"x"}]}}`,
			[]string{"122", "123", ""}, 3, ""},
		{"json lone object", schema.JSON, `{"groups":{"group":{"group-id":"9"}}}`, []string{"9"}, 1, ""},
		{"json empty list", schema.JSON, `{"groups":{"group":[]}}`, []string{}, 0, ""},
		{"json empty root", schema.JSON, `{"groups":""}`, nil, 0, ""},
		{"json wrong root", schema.JSON, `{"agents":{}}`, nil, 0, `no "groups" object`},
		{"json truncated", schema.JSON, `{"groups":{"group":[{"group-id":"1`, nil, 0, "unexpected end"},
		{"csv", schema.CSV, "\ufeffgroup-id,group-name,deleted\n122,Support,No\n123,\"East, Coast\",Yes\n",
			[]string{"122", "123"}, 2, ""},
		{"csv header only", schema.CSV, "group-id,group-name,deleted\n", nil, 0, ""},
		{"csv empty", schema.CSV, "", nil, 0, ""},
		{"csv no column", schema.CSV, "id,name\n1,a\n", nil, 0, `no "group-id" column`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, n, err := scanField(c.format, []byte(c.body), "groups", "group", "group-id")
			if c.err != "" {
				require.ErrorContains(t, err, c.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, c.want, got)
			require.Equal(t, c.records, n)
		})
	}
}
