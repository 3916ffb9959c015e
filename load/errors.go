// Package load writes Arrow record batches to ClickHouse (columnar inserts over the native
// protocol, DDL rendered for the connected server's version) and archives them as Parquet files
// with per-run manifests.
package load

import (
	"context"
	"errors"
	"io"
	"net"
	"syscall"

	"github.com/ClickHouse/clickhouse-go/v2"
)

// Sentinel errors. Errors returned by this package wrap them with the table, the column, the row
// count or the server address as context.
var (
	// ErrSchemaMismatch: an Arrow record or a row does not have the table's columns and types.
	ErrSchemaMismatch = errors.New("record does not match table")
	// ErrVerify: an archived file is missing or its rows or SHA-256 differ from the manifest.
	ErrVerify = errors.New("archive verification failed")
)

// Server error codes worth retrying: the server is overloaded or the network failed between
// servers. Everything else the server says (syntax, unknown table, type mismatch) is permanent.
var transientCodes = map[int32]bool{
	159: true, // TIMEOUT_EXCEEDED
	202: true, // TOO_MANY_SIMULTANEOUS_QUERIES
	209: true, // SOCKET_TIMEOUT
	210: true, // NETWORK_ERROR
	252: true, // TOO_MANY_PARTS
	394: true, // QUERY_WAS_CANCELLED (server shutting down)
}

// Transient reports whether err is worth retrying: the connection was refused, reset or closed
// early, an operation timed out, or the server answered with an overload error. A cancelled or
// expired caller context is never transient.
func Transient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var ex *clickhouse.Exception
	if errors.As(err, &ex) {
		return transientCodes[ex.Code]
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, net.ErrClosed) || errors.Is(err, clickhouse.ErrAcquireConnTimeout) ||
		errors.Is(err, clickhouse.ErrConnectionClosed) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	var op *net.OpError
	return errors.As(err, &op)
}
