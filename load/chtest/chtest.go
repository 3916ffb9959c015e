// Package chtest gives integration tests a real, private ClickHouse server (never a mock).
//
// The rule of the project: when the environment variable CI is non-empty a missing or broken
// server fails the test (ClickHouse tests cannot be skipped silently in CI); elsewhere the test is
// skipped with a loud reason. In CI a missing clickhouse-server is installed first (as root with
// apt-get, see localch.EnsureInstalled).
//
// Set CCWH_TEST_CLICKHOUSE_ADDR=host:port to run against an existing server instead (for example a
// current ClickHouse); tests must then keep to databases of their own.
package chtest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/load/localch"
)

// EnvAddr names an existing server to test against instead of starting one.
const EnvAddr = "CCWH_TEST_CLICKHOUSE_ADDR"

const startTimeout = time.Minute // includes an apt-get install in CI

var (
	mu         sync.Mutex
	mainActive bool            // Main is running the package's tests
	shared     *localch.Server // Main's server, nil if it could not start
	sharedErr  error           // why Main has no server
)

// Start returns a running server for tb. Under Main it is the package's shared server; without
// Main a server is started for this test and stopped when it ends. A test that gets a shared
// server must use a database of its own.
func Start(tb testing.TB) *localch.Server {
	tb.Helper()
	mu.Lock()
	inMain, s, err := mainActive, shared, sharedErr
	mu.Unlock()
	if !inMain {
		s, err = start()
		if err == nil {
			tb.Cleanup(func() {
				if err := s.Stop(); err != nil {
					tb.Errorf("chtest: stop ClickHouse: %v", err)
				}
			})
		}
	}
	if err != nil {
		if CI() {
			tb.Fatalf("chtest: CI is set and ClickHouse is unavailable: %v", err)
		}
		tb.Skipf("chtest: SKIPPING — no ClickHouse server: %v\n"+
			"Install it with `apt-get install -y clickhouse-server clickhouse-client`; set CI=1 to make this a failure.", err)
	}
	return s
}

// Main starts one server for the package's tests, runs run (m.Run when run is nil) and stops the
// server. In CI a server that does not start makes the test binary exit 1; elsewhere run gets a
// nil server, every Start(tb) skips with the reason and tests without ClickHouse still run.
//
//	func TestMain(m *testing.M) { chtest.Main(m, nil) }
func Main(m *testing.M, run func(srv *localch.Server) int) {
	if run == nil {
		run = func(*localch.Server) int { return m.Run() }
	}
	os.Exit(runMain(run))
}

func runMain(run func(*localch.Server) int) int {
	s, err := start()
	if err != nil {
		if CI() {
			fmt.Fprintf(os.Stderr, "chtest: CI is set and ClickHouse is unavailable: %v\n", err)
			return 1
		}
		fmt.Fprintf(os.Stderr, "\n*** chtest: NO CLICKHOUSE — ClickHouse tests of this package will be SKIPPED: %v ***\n\n", err)
	}
	mu.Lock()
	mainActive, shared, sharedErr = true, s, err
	mu.Unlock()
	code := run(s)
	if s != nil {
		if err := s.Stop(); err != nil {
			fmt.Fprintf(os.Stderr, "chtest: stop ClickHouse: %v\n", err)
			if code == 0 {
				code = 1
			}
		}
	}
	return code
}

// CI reports whether the environment asks for integration tests that cannot skip.
func CI() bool { return os.Getenv("CI") != "" }

func start() (*localch.Server, error) {
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	if addr := os.Getenv(EnvAddr); addr != "" {
		return external(ctx, addr)
	}
	log := zerolog.New(zerolog.ConsoleWriter{Out: os.Stderr}).Level(zerolog.WarnLevel)
	if CI() {
		if err := localch.EnsureInstalled(ctx, log); err != nil {
			return nil, err
		}
	}
	return localch.Start(ctx, "", log)
}

// external describes a server someone else runs; its Stop does nothing.
func external(ctx context.Context, addr string) (*localch.Server, error) {
	conn, err := clickhouse.Open(&clickhouse.Options{Addr: []string{addr}, DialTimeout: 5 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("chtest: %s=%s: %w", EnvAddr, addr, err)
	}
	defer conn.Close()
	s := &localch.Server{Addr: addr}
	if err := conn.QueryRow(ctx, "SELECT version()").Scan(&s.Version); err != nil {
		return nil, fmt.Errorf("chtest: %s=%s: %w", EnvAddr, addr, err)
	}
	return s, nil
}
