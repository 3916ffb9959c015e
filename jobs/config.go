package jobs

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"gopkg.in/yaml.v3"
)

// Config is a parsed and validated ccwh.yaml.
type Config struct {
	Warehouse Warehouse     `yaml:"warehouse"`
	Archive   ArchiveConfig `yaml:"archive"`
	Daemon    DaemonConfig  `yaml:"daemon"`
	Sources   []*SourceConfig
	Retention RetentionConfig `yaml:"retention"` // see retention_config.go

	file  string
	lines map[string]int // dotted path → line, for errors after decoding
}

// Warehouse is where data lands.
type Warehouse struct {
	ClickHouse ClickHouseConfig `yaml:"clickhouse"`
}

// ClickHouseConfig connects over the native protocol.
type ClickHouseConfig struct {
	Addr        string    `yaml:"addr"`
	Database    string    `yaml:"database"`
	Username    string    `yaml:"username"`
	Password    Secret    `yaml:"password"`
	DialTimeout Duration  `yaml:"dial_timeout"`
	MaxRetries  int       `yaml:"max_retries"`
	TLS         TLSConfig `yaml:"tls"`
	// Cluster mode (README, Cluster mode; checked in warehouse.go). Cluster names the cluster
	// in the servers' remote_servers; empty means a single server.
	Cluster string `yaml:"cluster"`
	// Replicated (default true): ReplicatedReplacingMergeTree local tables and ON CLUSTER DDL
	// (needs ZooKeeper or Keeper); false: plain local tables, DDL run on every server by ccwh.
	Replicated *bool `yaml:"replicated"`
	// Insert is distributed (default: through the Distributed tables) or shards (ccwh splits
	// each batch by the sharding key and writes every shard's local table itself).
	Insert string `yaml:"insert"`
	// ShardingKeys overrides the sharding key of tables: table → ORDER BY key columns.
	ShardingKeys map[string][]string `yaml:"sharding_keys"`
}

// TLSConfig turns on TLS to ClickHouse (its secure port, 9440). Certificates are always
// verified; there is deliberately no option to skip verification.
type TLSConfig struct {
	Enabled    bool   `yaml:"enabled"`
	CAFile     string `yaml:"ca_file"`     // extra PEM roots, e.g. a private CA
	ServerName string `yaml:"server_name"` // name to verify when addr is an IP
}

// ArchiveConfig locates the Parquet archive.
type ArchiveConfig struct {
	Dir string `yaml:"dir"`
}

// DaemonConfig tunes `ccwh run`.
type DaemonConfig struct {
	Listen        string   `yaml:"listen"`         // ops surface: /healthz /readyz /metrics and the status page; default 127.0.0.1:8089
	MaxConcurrent int      `yaml:"max_concurrent"` // stream runs in flight across all sources; default 4
	ShutdownGrace Duration `yaml:"shutdown_grace"` // how long running windows may finish on SIGTERM; default 30s
	// Token, when set, is required as "Authorization: Bearer <token>" by every ops endpoint but
	// /healthz.
	Token Secret `yaml:"token"`
}

// SourceConfig is one configured source: the keys every kind shares, and the kind's own options
// decoded into Options (the type its registry entry declares).
type SourceConfig struct {
	Name    string                   `yaml:"name"`
	Kind    string                   `yaml:"kind"`
	Streams map[string]*StreamConfig `yaml:"streams"`
	// HTTP behaviour shared by every kind.
	Timeout    Duration `yaml:"timeout"`
	MaxRetries int      `yaml:"max_retries"`
	RateLimit  float64  `yaml:"rate_limit"`
	// MaxConcurrent bounds this source's stream runs in flight in the daemon; default 2.
	MaxConcurrent int `yaml:"max_concurrent"`
	// CAFile is a PEM file of extra CA certificates trusted for this vendor's TLS, besides the
	// system's (certificates are always verified).
	CAFile string `yaml:"ca_file"`

	Options any `yaml:"-"`
	line    int
	rootCAs *x509.CertPool // from CAFile
}

// StreamConfig tunes one stream of a source. Zero values take the stream's defaults.
type StreamConfig struct {
	Schedule  string   `yaml:"schedule"`   // cron spec in UTC, 5 fields or @every/@hourly forms
	Lag       Duration `yaml:"lag"`        // windows end this long before now (late data)
	Overlap   Duration `yaml:"overlap"`    // each run re-reads this much before the watermark
	Window    Duration `yaml:"window"`     // maximum window length
	Start     string   `yaml:"start"`      // first window start when there is no watermark (RFC 3339 or YYYY-MM-DD)
	BatchRows int      `yaml:"batch_rows"` // rows per Arrow batch / insert / Parquet file

	schedule cron.Schedule
	start    time.Time
}

// Secret is a credential. It never prints: fmt, zerolog and JSON all see "[redacted]".
type Secret string

func (Secret) String() string                  { return "[redacted]" }
func (Secret) GoString() string                { return "[redacted]" }
func (Secret) MarshalJSON() ([]byte, error)    { return []byte(`"[redacted]"`), nil }
func (Secret) MarshalText() ([]byte, error)    { return []byte("[redacted]"), nil }
func (s Secret) Reveal() string                { return string(s) }
func (Secret) MarshalYAML() (any, error)       { return "[redacted]", nil }
func (s *Secret) UnmarshalText(b []byte) error { *s = Secret(b); return nil }

// Duration accepts Go durations ("90s", "1h30m") and whole days ("7d").
type Duration time.Duration

func (d Duration) D() time.Duration { return time.Duration(d) }

func (d *Duration) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil {
			return fmt.Errorf("bad duration %q", s)
		}
		*d = Duration(time.Duration(days) * 24 * time.Hour)
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("bad duration %q", s)
	}
	*d = Duration(v)
	return nil
}

// LoadConfig reads, expands and validates a config file without touching the network.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return ParseConfig(path, data, os.LookupEnv)
}

// ParseConfig is LoadConfig on bytes; lookup resolves ${ENV} references.
func ParseConfig(file string, data []byte, lookup func(string) (string, bool)) (*Config, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty config", file)
	}
	root := doc.Content[0]
	if err := expand(root, file, lookup); err != nil {
		return nil, err
	}
	c := &Config{file: file, lines: map[string]int{}}
	var top struct {
		Warehouse Warehouse     `yaml:"warehouse"`
		Archive   ArchiveConfig `yaml:"archive"`
		Daemon    DaemonConfig  `yaml:"daemon"`
		Sources   []yaml.Node   `yaml:"sources"`

		Retention RetentionConfig `yaml:"retention"`
	}
	if err := strictDecode(root, &top, file, "", c.lines); err != nil {
		return nil, err
	}
	c.Warehouse, c.Archive, c.Daemon, c.Retention = top.Warehouse, top.Archive, top.Daemon, top.Retention
	for i := range top.Sources {
		sc, err := decodeSource(&top.Sources[i], file, fmt.Sprintf("sources[%d]", i), c.lines)
		if err != nil {
			return nil, err
		}
		c.Sources = append(c.Sources, sc)
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	if err := c.validateRetention(); err != nil {
		return nil, err
	}
	return c, nil
}

func decodeSource(n *yaml.Node, file, path string, lines map[string]int) (*SourceConfig, error) {
	kind := ""
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "kind" {
				kind = n.Content[i+1].Value
			}
		}
	}
	k, ok := kinds[kind]
	if !ok {
		return nil, fmt.Errorf("%s:%d: %s: unknown source kind %q (known: %s)", file, n.Line, path, kind, strings.Join(KindNames(), ", "))
	}
	opts := k.newOptions()
	// The shared keys and the kind's own keys are decoded from the same mapping: split them.
	shared := &yaml.Node{Kind: yaml.MappingNode, Line: n.Line}
	own := &yaml.Node{Kind: yaml.MappingNode, Line: n.Line}
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch n.Content[i].Value {
		case "name", "kind", "streams", "timeout", "max_retries", "rate_limit", "max_concurrent", "ca_file":
			shared.Content = append(shared.Content, n.Content[i], n.Content[i+1])
		default:
			own.Content = append(own.Content, n.Content[i], n.Content[i+1])
		}
	}
	sc := &SourceConfig{line: n.Line}
	if err := strictDecode(shared, sc, file, path, lines); err != nil {
		return nil, err
	}
	if err := strictDecode(own, opts, file, path, lines); err != nil {
		return nil, err
	}
	sc.Options = opts
	return sc, nil
}

var envRef = regexp.MustCompile(`\$\{([^}]*)\}`)

// expand replaces ${NAME} with the environment variable and ${file:PATH} with the file's
// trimmed contents in every scalar. A reference that cannot be resolved is an error.
func expand(n *yaml.Node, file string, lookup func(string) (string, bool)) error {
	if n.Kind == yaml.ScalarNode {
		var err error
		n.Value = envRef.ReplaceAllStringFunc(n.Value, func(m string) string {
			ref := m[2 : len(m)-1]
			if p, ok := strings.CutPrefix(ref, "file:"); ok {
				b, ferr := os.ReadFile(p)
				if ferr != nil && err == nil {
					err = fmt.Errorf("%s:%d: %s: %w", file, n.Line, m, ferr)
				}
				return strings.TrimSpace(string(b))
			}
			v, ok := lookup(ref)
			if !ok && err == nil {
				err = fmt.Errorf("%s:%d: environment variable %s is not set", file, n.Line, ref)
			}
			return v
		})
		return err
	}
	for _, c := range n.Content {
		if err := expand(c, file, lookup); err != nil {
			return err
		}
	}
	return nil
}

func (c *Config) errAt(path, format string, args ...any) error {
	line := c.lines[path]
	return fmt.Errorf("%s:%d: %s: %s", c.file, line, path, fmt.Sprintf(format, args...))
}

var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

func (c *Config) validate() error {
	ch := &c.Warehouse.ClickHouse
	if ch.Addr == "" {
		ch.Addr = "127.0.0.1:9000"
	}
	if ch.Database == "" {
		ch.Database = "ccwh"
	}
	if ch.Username == "" {
		ch.Username = "default"
	}
	if err := c.validateCluster(); err != nil {
		return err
	}
	if c.Archive.Dir == "" {
		c.Archive.Dir = "./var/archive"
	}
	if c.Daemon.Listen == "" {
		c.Daemon.Listen = "127.0.0.1:8089"
	}
	if c.Daemon.MaxConcurrent <= 0 {
		c.Daemon.MaxConcurrent = 4
	}
	if c.Daemon.ShutdownGrace <= 0 {
		c.Daemon.ShutdownGrace = Duration(30 * time.Second)
	}
	seen := map[string]bool{}
	for i, s := range c.Sources {
		p := fmt.Sprintf("sources[%d]", i)
		if s.Name == "" {
			return c.errAt(p, "source has no name")
		}
		if !validName.MatchString(s.Name) {
			return c.errAt(p+".name", "name %q must match %s", s.Name, validName)
		}
		if seen[s.Name] {
			return c.errAt(p+".name", "duplicate source name %q", s.Name)
		}
		seen[s.Name] = true
		if s.MaxConcurrent <= 0 {
			s.MaxConcurrent = 2
		}
		if s.CAFile != "" {
			pool, err := loadCAFile(s.CAFile)
			if err != nil {
				return c.errAt(p+".ca_file", "%v", err)
			}
			s.rootCAs = pool
		}
		k := kinds[s.Kind]
		if err := k.validate(s.Options); err != nil {
			return fmt.Errorf("%s:%d: source %s: %w", c.file, s.line, s.Name, err)
		}
		if len(s.Streams) == 0 {
			return c.errAt(p, "source %s lists no streams (known: %s)", s.Name, strings.Join(k.streamNames(), ", "))
		}
		for name, st := range s.Streams {
			sp := p + ".streams." + name
			def, ok := k.stream(name)
			if !ok {
				return c.errAt(sp, "unknown stream %q of kind %s (known: %s)", name, s.Kind, strings.Join(k.streamNames(), ", "))
			}
			if st == nil {
				st = &StreamConfig{}
				s.Streams[name] = st
			}
			def.applyDefaults(st)
			sched, err := cronParser.Parse(st.Schedule)
			if err != nil {
				return c.errAt(sp+".schedule", "bad cron spec %q: %v", st.Schedule, err)
			}
			st.schedule = sched
			if st.Start != "" {
				t, err := parseTime(st.Start)
				if err != nil {
					return c.errAt(sp+".start", "%v", err)
				}
				st.start = t
			}
			if st.Window.D() <= 0 || st.Lag.D() < 0 || st.Overlap.D() < 0 || st.BatchRows <= 0 {
				return c.errAt(sp, "window must be positive, lag and overlap not negative, batch_rows positive")
			}
		}
		if k.ValidateSource != nil {
			if err := k.ValidateSource(s); err != nil {
				return fmt.Errorf("%s:%d: source %s: %w", c.file, s.line, s.Name, err)
			}
		}
	}
	return nil
}

// loadCAFile returns the system roots plus the PEM certificates in path.
func loadCAFile(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s holds no PEM certificate", path)
	}
	return pool, nil
}

var validName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// parseTime accepts RFC 3339 or a bare date (midnight UTC).
func parseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("bad time %q (want RFC 3339 or YYYY-MM-DD)", s)
}
