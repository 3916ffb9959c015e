package transform

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestParseTimestamp(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339 UTC with ms; "" means rejected
	}{
		{"2008-03-09T09:13:02-07:00", "2008-03-09T16:13:02.000Z"},
		{"2008-02-14T10:12:13-08:00", "2008-02-14T18:12:13.000Z"},
		{"2009-06-03T23:09:04-07:00", "2009-06-04T06:09:04.000Z"},
		{"2011-02-28T18:52:55-08:00", "2011-03-01T02:52:55.000Z"},
		{"2015-07-08T14:30:00+05:30", "2015-07-08T09:00:00.000Z"},
		{"2015-07-08T14:30:00+0530", "2015-07-08T09:00:00.000Z"},
		{"2015-07-08T14:30:00+05", "2015-07-08T09:30:00.000Z"},
		{"2015-07-08T14:30:00Z", "2015-07-08T14:30:00.000Z"},
		{"2015-07-08t14:30:00z", "2015-07-08T14:30:00.000Z"},
		{"2015-07-08T14:30:00", "2015-07-08T14:30:00.000Z"},
		{"2015-07-08 14:30:00Z", "2015-07-08T14:30:00.000Z"},
		{"2007-08-05 13:15Z", "2007-08-05T13:15:00.000Z"},
		{"2007-08-05T13:15", "2007-08-05T13:15:00.000Z"},
		{"20070805T1315Z", "2007-08-05T13:15:00.000Z"},
		{"20070807T1430Z", "2007-08-07T14:30:00.000Z"},
		{"20070805T131502-0700", "2007-08-05T20:15:02.000Z"},
		{"20070805T131502.25Z", "2007-08-05T13:15:02.250Z"},
		{"2015-07-08T14:30:00.1Z", "2015-07-08T14:30:00.100Z"},
		{"2015-07-08T14:30:00.12Z", "2015-07-08T14:30:00.120Z"},
		{"2015-07-08T14:30:00.123Z", "2015-07-08T14:30:00.123Z"},
		{"2015-07-08T14:30:00.123999999Z", "2015-07-08T14:30:00.123Z"},
		{"2015-07-08T14:30:00,5Z", "2015-07-08T14:30:00.500Z"},
		{"2015-07-08", "2015-07-08T00:00:00.000Z"},
		{"20150708", "2015-07-08T00:00:00.000Z"},
		{"2016-02-29T00:00:00Z", "2016-02-29T00:00:00.000Z"},
		{"2000-02-29T00:00:00Z", "2000-02-29T00:00:00.000Z"},
		{"1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000Z"},
		{"1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"},
		{"0000-01-01T00:00:00Z", "0000-01-01T00:00:00.000Z"},
		{"9999-12-31T23:59:59.999+23:59", "9999-12-31T00:00:59.999Z"},
		{"1900-02-28T00:00:00Z", "1900-02-28T00:00:00.000Z"},

		{"", ""},
		{"2015", ""},
		{"2015-07", ""},
		{"2015-7-08", ""},
		{"2015-07-8", ""},
		{"2015/07/08", ""},
		{"2015-13-01", ""},
		{"2015-00-01", ""},
		{"2015-02-29", ""},
		{"1900-02-29", ""},
		{"2015-04-31", ""},
		{"2015-07-00", ""},
		{"2015-07-08T", ""},
		{"2015-07-08T1", ""},
		{"2015-07-08T14", ""},
		{"2015-07-08T14:3", ""},
		{"2015-07-08T24:00:00Z", ""},
		{"2015-07-08T14:60:00Z", ""},
		{"2015-07-08T14:30:60Z", ""},
		{"2015-07-08T14:30:5Z", ""},
		{"2015-07-08T14:30:00.Z", ""},
		{"2015-07-08T14:30:00.1234567890Z", ""},
		{"2015-07-08T14:30.5Z", ""},
		{"2015-07-08T14:30:00ZZ", ""},
		{"2015-07-08T14:30:00+24:00", ""},
		{"2015-07-08T14:30:00+05:60", ""},
		{"2015-07-08T14:30:00+5", ""},
		{"2015-07-08T14:30:00+05:3", ""},
		{"2015-07-08T14:30:00+05:300", ""},
		{"2015-07-08T14:30:00 +05:00", ""},
		{"2015-07-08T14:30:00UTC", ""},
		{"2015-07-08X14:30:00Z", ""},
		{"20150708T14:30Z", ""},
		{"2015-07-08T1430Z", ""},
		{"2015-07-08 ", ""},
		{"yesterday", ""},
		{"-015-07-08", ""},
		{"+2015-07-08", ""},
		{"1234567890123", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			ms, ok := parseTimestamp([]byte(tt.in))
			if tt.want == "" {
				require.False(t, ok, "accepted as %d", ms)
				return
			}
			require.True(t, ok)
			require.Equal(t, tt.want, time.UnixMilli(ms).UTC().Format("2006-01-02T15:04:05.000Z"))
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"2008-03-23", "2008-03-23"},
		{"20080323", "2008-03-23"},
		{"2008-03-23T23:00:00-07:00", "2008-03-23"}, // the written date, not the UTC one
		{"2008-03-23 00:30:00+05:00", "2008-03-23"},
		{"1969-12-31", "1969-12-31"},
		{"2008-03-32", ""},
		{"2008-03-23T25:00:00", ""},
		{"23/03/2008", ""},
	}
	for _, tt := range tests {
		d, ok := parseDate([]byte(tt.in))
		if tt.want == "" {
			require.False(t, ok, tt.in)
			continue
		}
		require.True(t, ok, tt.in)
		require.Equal(t, tt.want, time.Unix(int64(d)*86400, 0).UTC().Format("2006-01-02"), tt.in)
	}
}

// TestParseTimestampMatchesTimeParse generates many valid timestamps in every accepted form and
// compares the result with time.Parse.
func TestParseTimestampMatchesTimeParse(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 50_000 {
		in, layout := randomTimestamp(rng)
		want, err := time.Parse(layout, in)
		got, ok := parseTimestamp([]byte(in))
		if err != nil || !ok || want.UnixMilli() != got {
			t.Fatalf("case %d: %q: time.Parse(%q) = %v, %v; parseTimestamp = %d, %v", i, in, layout, want, err, got, ok)
		}
	}
}

// randomTimestamp returns a valid ISO-8601 string and the time.Parse layout that reads it.
func randomTimestamp(rng *rand.Rand) (string, string) {
	year := rng.IntN(10000)
	if rng.IntN(2) == 0 {
		year = 1960 + rng.IntN(100)
	}
	month := 1 + rng.IntN(12)
	day := 1 + rng.IntN(daysIn(year, month))
	hh, mm, ss := rng.IntN(24), rng.IntN(60), rng.IntN(60)
	compact := rng.IntN(4) == 0
	var s, layout strings.Builder
	if compact {
		fmt.Fprintf(&s, "%04d%02d%02dT%02d%02d", year, month, day, hh, mm)
		layout.WriteString("20060102T1504")
	} else {
		sep := []string{"T", " "}[rng.IntN(2)]
		fmt.Fprintf(&s, "%04d-%02d-%02d%s%02d:%02d", year, month, day, sep, hh, mm)
		layout.WriteString("2006-01-02" + sep + "15:04")
	}
	if rng.IntN(5) > 0 {
		if compact {
			fmt.Fprintf(&s, "%02d", ss)
			layout.WriteString("05")
		} else {
			fmt.Fprintf(&s, ":%02d", ss)
			layout.WriteString(":05")
		}
		if rng.IntN(2) == 0 {
			n := 1 + rng.IntN(9)
			frac := fmt.Sprintf("%09d", rng.IntN(1_000_000_000))[:n]
			s.WriteString("." + frac)
			layout.WriteString("." + strings.Repeat("9", n))
		}
	}
	switch rng.IntN(5) {
	case 0:
		s.WriteString("Z")
		layout.WriteString("Z07:00")
	case 1:
		oh, om := rng.IntN(15), []int{0, 30, 45}[rng.IntN(3)]
		fmt.Fprintf(&s, "%c%02d:%02d", "+-"[rng.IntN(2)], oh, om)
		layout.WriteString("Z07:00")
	case 2:
		oh, om := rng.IntN(15), rng.IntN(60)
		fmt.Fprintf(&s, "%c%02d%02d", "+-"[rng.IntN(2)], oh, om)
		layout.WriteString("-0700")
	case 3:
		fmt.Fprintf(&s, "%c%02d", "+-"[rng.IntN(2)], rng.IntN(15))
		layout.WriteString("-07")
	default: // no zone: UTC
	}
	return s.String(), layout.String()
}

func BenchmarkParseTimestamp(b *testing.B) {
	in := []byte("2011-09-22T18:35:10-07:00")
	b.Run("hand-rolled", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := parseTimestamp(in); !ok {
				b.Fatal("rejected")
			}
		}
	})
	b.Run("time.Parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := time.Parse(time.RFC3339, string(in)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
