package jobs

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/load"
)

// OpenWarehouse connects to the configured ClickHouse.
func OpenWarehouse(ctx context.Context, cfg *Config, log zerolog.Logger) (*load.ClickHouse, error) {
	c := cfg.Warehouse.ClickHouse
	o := load.Options{
		Addr: c.Addr, Database: c.Database, Username: c.Username, Password: c.Password.Reveal(),
		DialTimeout: c.DialTimeout.D(), MaxRetries: c.MaxRetries,
	}
	if c.TLS.Enabled {
		t, err := load.TLSConfig(c.TLS.CAFile, c.TLS.ServerName)
		if err != nil {
			return nil, err
		}
		o.TLS = t
	}
	return load.Open(ctx, o, log)
}

// ParseRange parses --from/--to; both empty means the live range.
func ParseRange(from, to string) (time.Time, time.Time, error) {
	if from == "" && to == "" {
		return time.Time{}, time.Time{}, nil
	}
	if from == "" || to == "" {
		return time.Time{}, time.Time{}, fmt.Errorf("--from and --to go together")
	}
	f, err := parseTime(from)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("--from: %w", err)
	}
	t, err := parseTime(to)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("--to: %w", err)
	}
	if !f.Before(t) {
		return time.Time{}, time.Time{}, fmt.Errorf("--from %s is not before --to %s", from, to)
	}
	return f, t, nil
}

// WindowLabel prints a window, or "full" for a dimension refresh.
func WindowLabel(w extract.Window) string { return windowLabel(w) }

// StreamNames lists the configured streams of a source in name order.
func (s *SourceConfig) StreamNames() []string {
	out := make([]string, 0, len(s.Streams))
	for n := range s.Streams {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Next is the stream's next scheduled tick after t (UTC).
func (c *StreamConfig) Next(t time.Time) time.Time { return c.schedule.Next(t.UTC()) }
