package load

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/schema"
)

// Defaults for zero Options fields.
const (
	DefaultDatabase    = "ccwh"
	DefaultUsername    = "default"
	DefaultDialTimeout = 10 * time.Second
	DefaultReadTimeout = 5 * time.Minute
	DefaultMaxRetries  = 4
)

// Options locate and tune the ClickHouse connection.
type Options struct {
	Addr     string // host:port of the native protocol (9000 by default on a server)
	Database string // default "ccwh"; created by Migrate
	Username string // default "default"
	Password string // never logged
	// DialTimeout bounds connecting; ReadTimeout bounds waiting for the server's answer.
	DialTimeout, ReadTimeout time.Duration
	// MaxRetries is how often a transient failure is retried (0 → DefaultMaxRetries, negative →
	// never).
	MaxRetries int
	// TLS, when set, encrypts the connection (ClickHouse's secure native port, 9440 by default).
	// Certificates are always verified; add a private CA with TLSConfig.
	TLS *tls.Config
	// Failover are further addresses of the same data (replicas of one shard), tried in order
	// when Addr does not answer.
	Failover []string
	// Cluster, when it names a cluster, turns on cluster mode (see schema.Cluster and
	// cluster.go): Migrate creates shard-local and Distributed tables, Mutate alters the local
	// tables and waits on every server, and Insert goes through the Distributed tables
	// (synchronously: insert_distributed_sync) or straight to the shards, as Insert says.
	Cluster schema.Cluster
	// Insert is where Insert sends rows in cluster mode: InsertDistributed (the default) or
	// InsertShards.
	Insert InsertMode
}

// TLSConfig builds a verifying TLS configuration: the system roots plus, when caFile is set,
// the PEM certificates in it; serverName overrides the name checked in the certificate.
func TLSConfig(caFile, serverName string) (*tls.Config, error) {
	c := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: serverName}
	if caFile == "" {
		return c, nil
	}
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, fmt.Errorf("load: ClickHouse CA file: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("load: ClickHouse CA file %s holds no PEM certificate", caFile)
	}
	c.RootCAs = pool
	return c, nil
}

// String describes the options without the password, so that printing them leaks nothing.
func (o Options) String() string {
	pw := ""
	if o.Password != "" {
		pw = "[REDACTED]"
	}
	return fmt.Sprintf("{Addr:%s Database:%s Username:%s Password:%s DialTimeout:%s ReadTimeout:%s MaxRetries:%d Cluster:%s Insert:%s}",
		o.Addr, o.Database, o.Username, pw, o.DialTimeout, o.ReadTimeout, o.MaxRetries, o.Cluster.Name, o.Insert)
}

func (o Options) withDefaults() Options {
	if o.Database == "" {
		o.Database = DefaultDatabase
	}
	if o.Username == "" {
		o.Username = DefaultUsername
	}
	if o.DialTimeout <= 0 {
		o.DialTimeout = DefaultDialTimeout
	}
	if o.ReadTimeout <= 0 {
		o.ReadTimeout = DefaultReadTimeout
	}
	switch {
	case o.MaxRetries == 0:
		o.MaxRetries = DefaultMaxRetries
	case o.MaxRetries < 0:
		o.MaxRetries = 0
	}
	return o
}

// ClickHouse is a connection pool to one ClickHouse server, aware of its version. It is safe for
// concurrent use.
type ClickHouse struct {
	conn     driver.Conn
	opt      Options
	caps     schema.Capabilities
	settings clickhouse.Settings // caps.Settings(), sent with every query and insert
	log      zerolog.Logger
	// backoff is the pause before retry n (1-based); replaced in tests.
	backoff func(n int) time.Duration
	// cluster is set in cluster mode: the cluster's shards and servers (shard.go).
	cluster *clusterConn
}

// Open connects over the native protocol (clickhouse-go's HTTP transport does not work with
// ClickHouse 18.16), detects the server version and derives the capabilities that shape DDL and
// inserts. It does not need the database to exist: every statement names it.
func Open(ctx context.Context, o Options, log zerolog.Logger) (*ClickHouse, error) {
	if o.Addr == "" {
		return nil, fmt.Errorf("load: open ClickHouse: no address")
	}
	o = o.withDefaults()
	if err := o.checkCluster(); err != nil {
		return nil, err
	}
	conn, err := clickhouse.Open(&clickhouse.Options{
		Addr:     append([]string{o.Addr}, o.Failover...),
		Protocol: clickhouse.Native,
		// The database is left to the server's default so that Open works before Migrate.
		Auth:             clickhouse.Auth{Username: o.Username, Password: o.Password},
		DialTimeout:      o.DialTimeout,
		ReadTimeout:      o.ReadTimeout,
		MaxOpenConns:     8,
		MaxIdleConns:     4,
		ConnMaxLifetime:  time.Hour,
		ConnOpenStrategy: clickhouse.ConnOpenInOrder,
		Compression:      compression(o.Addr),
		TLS:              o.TLS,
		ClientInfo: clickhouse.ClientInfo{
			Products: []struct{ Name, Version string }{{Name: "ccwh", Version: "load"}},
		},
	})
	if err != nil {
		return nil, fmt.Errorf("load: open ClickHouse at %s: %w", o.Addr, err)
	}
	c := &ClickHouse{conn: conn, opt: o, log: log, backoff: defaultBackoff}
	var version string
	err = c.retry(ctx, func(ctx context.Context) error {
		return conn.QueryRow(ctx, "SELECT version()").Scan(&version)
	})
	if err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("load: connect to ClickHouse at %s as %s: %w", o.Addr, o.Username, err)
	}
	if c.caps, err = schema.CapabilitiesFor(version); err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("load: ClickHouse at %s: %w", o.Addr, err)
	}
	c.settings = clickhouse.Settings(c.caps.Settings())
	if o.Cluster.Enabled() {
		if err := c.openCluster(ctx); err != nil {
			_ = conn.Close()
			return nil, err
		}
	}
	log.Debug().Str("addr", o.Addr).Str("version", version).Str("database", o.Database).Msg("connected to ClickHouse")
	return c, nil
}

// compression is LZ4 for a remote server and none on loopback, where compressing costs more CPU
// (on both ends of the same machine) than it saves: measured on 100k-row inserts, LZ4 halved the
// throughput against a local server.
func compression(addr string) *clickhouse.Compression {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return nil
	}
	return &clickhouse.Compression{Method: clickhouse.CompressionLZ4}
}

// Capabilities are those of the connected server.
func (c *ClickHouse) Capabilities() schema.Capabilities { return c.caps }

// Database is the database tables live in.
func (c *ClickHouse) Database() string { return c.opt.Database }

// Addr is the server's address.
func (c *ClickHouse) Addr() string { return c.opt.Addr }

// queryCtx attaches the server's session settings (and any extra ones) to ctx.
func (c *ClickHouse) queryCtx(ctx context.Context, extra clickhouse.Settings) context.Context {
	if len(c.settings) == 0 && len(extra) == 0 {
		return ctx
	}
	s := make(clickhouse.Settings, len(c.settings)+len(extra))
	for k, v := range c.settings {
		s[k] = v
	}
	for k, v := range extra {
		s[k] = v
	}
	return clickhouse.Context(ctx, clickhouse.WithSettings(s))
}

// Exec runs a statement that returns no rows.
func (c *ClickHouse) Exec(ctx context.Context, query string, args ...any) error {
	if err := c.conn.Exec(c.queryCtx(ctx, nil), query, args...); err != nil {
		return fmt.Errorf("load: exec at %s: %w", c.opt.Addr, err)
	}
	return nil
}

// Query runs a query; the caller closes the rows.
func (c *ClickHouse) Query(ctx context.Context, query string, args ...any) (driver.Rows, error) {
	rows, err := c.conn.Query(c.queryCtx(ctx, nil), query, args...)
	if err != nil {
		return nil, fmt.Errorf("load: query at %s: %w", c.opt.Addr, err)
	}
	return rows, nil
}

// QueryRow runs a query that returns at most one row; errors surface in Scan.
func (c *ClickHouse) QueryRow(ctx context.Context, query string, args ...any) driver.Row {
	return c.conn.QueryRow(c.queryCtx(ctx, nil), query, args...)
}

// Ping checks that the server answers.
func (c *ClickHouse) Ping(ctx context.Context) error {
	if err := c.conn.Ping(c.queryCtx(ctx, nil)); err != nil {
		return fmt.Errorf("load: ping ClickHouse at %s: %w", c.opt.Addr, err)
	}
	return nil
}

// Close closes every connection, those to the servers of a cluster included.
func (c *ClickHouse) Close() error {
	var errs []error
	if c.cluster != nil {
		errs = append(errs, c.cluster.close())
	}
	if err := c.conn.Close(); err != nil {
		errs = append(errs, fmt.Errorf("load: close ClickHouse at %s: %w", c.opt.Addr, err))
	}
	return errors.Join(errs...)
}

// retry runs op until it succeeds, fails permanently, ctx ends or MaxRetries retries are spent.
// op must be self-contained: a failed batch is rebuilt by op, never re-sent.
func (c *ClickHouse) retry(ctx context.Context, op func(context.Context) error) error {
	for n := 0; ; n++ {
		err := op(ctx)
		if err == nil || !Transient(err) || n >= c.opt.MaxRetries || ctx.Err() != nil {
			if err != nil && n > 0 {
				return fmt.Errorf("after %d retries: %w", n, err)
			}
			return err
		}
		wait := c.backoff(n + 1)
		c.log.Debug().Err(err).Int("retry", n+1).Dur("wait", wait).Str("addr", c.opt.Addr).Msg("transient ClickHouse error, retrying")
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (while retrying: %v)", ctx.Err(), err)
		case <-time.After(wait):
		}
	}
}

// defaultBackoff: 250 ms, 500 ms, 1 s, … capped at 8 s, with ±20 % jitter.
func defaultBackoff(n int) time.Duration {
	d := 250 * time.Millisecond << min(n-1, 5)
	d = min(d, 8*time.Second)
	return d + time.Duration((rand.Float64()*0.4-0.2)*float64(d))
}
