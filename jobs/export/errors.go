package export

import "errors"

// Sentinel errors of the export package; errors wrap them with the details.
var (
	// ErrBadFilter: the filter or options cannot be used (a usage error at the command line).
	ErrBadFilter = errors.New("export: bad filter")
	// ErrNotEmpty: the output directory exists and holds files.
	ErrNotEmpty = errors.New("export: output directory is not empty")
	// ErrVerify: an export directory does not match its manifest.
	ErrVerify = errors.New("export: verification failed")
)
