package sandbox

import (
	"testing"
	"time"
)

// FuzzParseVCCRange: the d= parser never panics and never returns a range that ends before it
// starts.
func FuzzParseVCCRange(f *testing.F) {
	for _, s := range []string{"2007-08-05", "2007-08-05,2007-08-07", "2007-08-05 13:15Z,2007-08-07 14:30Z",
		"20070805T1315Z,20070807T1430Z", "today-1d,today", "today-7d"} {
		f.Add(s)
	}
	loc, err := time.LoadLocation(DefaultTimeZone)
	if err != nil {
		f.Fatal(err)
	}
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, d string) {
		from, to, err := parseVCCRange(d, loc, now)
		if err == nil && to.Before(from) {
			t.Fatalf("%q: %s after %s", d, from, to)
		}
	})
}
