package localch

import "errors"

// ErrNotInstalled means clickhouse-server is not installed and could not be installed.
var ErrNotInstalled = errors.New("localch: clickhouse-server is not installed")

// ErrStart means the server process did not come up.
var ErrStart = errors.New("localch: clickhouse-server did not start")
