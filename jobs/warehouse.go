package jobs

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"time"

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// OpenWarehouse connects to the configured ClickHouse.
func OpenWarehouse(ctx context.Context, cfg *Config, log zerolog.Logger) (*load.ClickHouse, error) {
	c := cfg.Warehouse.ClickHouse
	o := load.Options{
		Addr: c.Addr, Database: c.Database, Username: c.Username, Password: c.Password.Reveal(),
		DialTimeout: c.DialTimeout.D(), MaxRetries: c.MaxRetries,
		Cluster: c.ClusterSpec(), Insert: load.InsertMode(c.Insert),
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

// Equal reports whether two warehouse configurations are the same (SIGHUP compares them; the
// cluster keys hold a map and a pointer, so == does not do).
func (w Warehouse) Equal(o Warehouse) bool { return reflect.DeepEqual(w, o) }

// ClusterSpec is the cluster-mode configuration for package schema; the zero Cluster when no
// cluster is configured.
func (c *ClickHouseConfig) ClusterSpec() schema.Cluster {
	if c.Cluster == "" {
		return schema.Cluster{}
	}
	return schema.Cluster{Name: c.Cluster, Replicated: c.Replicated == nil || *c.Replicated, ShardingKeys: c.ShardingKeys}
}

// validateCluster checks the cluster-mode keys of warehouse.clickhouse: a valid cluster name,
// an insert mode, and sharding keys that name ORDER BY key columns of known tables.
func (c *Config) validateCluster() error {
	ch := &c.Warehouse.ClickHouse
	const p = "warehouse.clickhouse."
	if ch.Cluster == "" {
		for _, k := range []string{"replicated", "insert", "sharding_keys"} {
			if _, set := c.lines[p+k]; set {
				return c.errAt(p+k, "needs %scluster (the servers' remote_servers name)", p)
			}
		}
		return nil
	}
	if err := (schema.Cluster{Name: ch.Cluster}).Validate(); err != nil {
		return c.errAt(p+"cluster", "%v", err)
	}
	switch load.InsertMode(ch.Insert) {
	case "":
		ch.Insert = string(load.InsertDistributed)
	case load.InsertDistributed, load.InsertShards:
	default:
		return c.errAt(p+"insert", "unknown insert mode %q (want %s or %s)", ch.Insert, load.InsertDistributed, load.InsertShards)
	}
	tables := make([]string, 0, len(ch.ShardingKeys))
	for t := range ch.ShardingKeys {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	for _, name := range tables {
		t, err := schema.LookupAny(name)
		if err == nil {
			err = schema.CheckShardingKey(t, ch.ShardingKeys[name])
		}
		if err != nil {
			return c.errAt(p+"sharding_keys."+name, "%v", err)
		}
	}
	return nil
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
