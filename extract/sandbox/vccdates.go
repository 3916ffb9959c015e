package sandbox

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// parseVCCRange reads the 8x8 d= date range (spec §1.5): a single day ("2007-08-05") or two
// points separated by a comma; a point is a date, a date and time with a space or "T"
// ("2007-08-05 13:15Z"), the compact form ("20070805T1315Z"), or a relative constant (today,
// today-1d, today-7d; any today-Nd is accepted). A "Z" or numeric offset fixes the zone; without
// one, the point is in loc (tz= or the tenant zone). A date alone means midnight. The range is
// half-open: [from, to). A single point covers from it to the next midnight.
func parseVCCRange(d string, loc *time.Location, now time.Time) (from, to time.Time, err error) {
	parts := strings.Split(d, ",")
	switch len(parts) {
	case 1:
		from, err = parseVCCPoint(parts[0], loc, now)
		if err != nil {
			return
		}
		y, m, day := from.In(loc).Date()
		to = time.Date(y, m, day+1, 0, 0, 0, 0, loc)
	case 2:
		if from, err = parseVCCPoint(parts[0], loc, now); err != nil {
			return
		}
		if to, err = parseVCCPoint(parts[1], loc, now); err != nil {
			return
		}
		if to.Before(from) {
			err = fmt.Errorf("date range ends before it starts: %q", d)
		}
	default:
		err = fmt.Errorf("date range has %d parts, want 1 or 2: %q", len(parts), d)
	}
	return
}

var vccLayouts = []string{
	"2006-01-02",
	"20060102",
	"2006-01-02 15:04Z07:00", "2006-01-02 15:04:05Z07:00",
	"2006-01-02T15:04Z07:00", "2006-01-02T15:04:05Z07:00",
	"20060102T1504Z0700", "20060102T150405Z0700",
	"2006-01-02 15:04", "2006-01-02 15:04:05",
	"2006-01-02T15:04", "2006-01-02T15:04:05",
	"20060102T1504", "20060102T150405",
}

func parseVCCPoint(s string, loc *time.Location, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "today"); ok {
		days := 0
		if rest != "" {
			n, ok := strings.CutSuffix(strings.TrimPrefix(rest, "-"), "d")
			v, err := strconv.Atoi(n)
			if !ok || !strings.HasPrefix(rest, "-") || err != nil || v < 0 {
				return time.Time{}, fmt.Errorf("bad relative date %q (want today or today-Nd)", s)
			}
			days = v
		}
		y, m, d := now.In(loc).Date()
		return time.Date(y, m, d-days, 0, 0, 0, 0, loc), nil
	}
	for _, l := range vccLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad date %q", s)
}
