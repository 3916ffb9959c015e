package export

import (
	"context"
	"errors"
	"fmt"

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/jobs"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/load/localch"
	"github.com/ccwh/ccwh/schema"
)

// TranscriptTables are the tables transcripts_unified reads: what --from-archive restores.
func TranscriptTables() []string {
	var out []string
	for _, v := range schema.TranscriptVendors {
		out = append(out, v.Conversations, v.Messages)
		out = append(out, v.Lookups...)
	}
	return out
}

// ArchiveWarehouse is a private ClickHouse holding the transcript tables restored from a
// Parquet archive, for exports when the warehouse is gone.
type ArchiveWarehouse struct {
	CH       *load.ClickHouse
	Restored *load.RestoreResult
	srv      *localch.Server
	archive  string
}

// OpenArchive starts a private ClickHouse under workDir (a temporary directory when empty),
// migrates it and restores the transcript tables from the archive at archiveDir. Every file is
// checked against its run's manifest before anything is loaded (load.Restore): a damaged archive
// is refused. Close stops the server and removes its data.
func OpenArchive(ctx context.Context, archiveDir, workDir string, progress func(load.RestoreProgress), log zerolog.Logger) (*ArchiveWarehouse, error) {
	ar, err := load.NewArchive(archiveDir)
	if err != nil {
		return nil, fmt.Errorf("export: archive %s: %w", archiveDir, err)
	}
	if err := localch.EnsureInstalled(ctx, log); err != nil {
		return nil, fmt.Errorf("export: from archive: %w", err)
	}
	srv, err := localch.Start(ctx, workDir, log)
	if err != nil {
		return nil, fmt.Errorf("export: from archive: start ClickHouse: %w", err)
	}
	w := &ArchiveWarehouse{srv: srv, archive: ar.Dir()}
	if w.CH, err = load.Open(ctx, load.Options{Addr: srv.Addr, Database: "ccwh"}, log); err != nil {
		return nil, errors.Join(fmt.Errorf("export: from archive: %w", err), srv.Stop())
	}
	if err := w.CH.Migrate(ctx, jobs.Version); err != nil {
		return nil, errors.Join(fmt.Errorf("export: from archive: %w", err), w.Close())
	}
	w.Restored, err = load.Restore(ctx, w.CH, ar, load.RestoreOptions{Tables: TranscriptTables(), Progress: progress})
	if err != nil {
		return nil, errors.Join(fmt.Errorf("export: from archive %s: %w", archiveDir, err), w.Close())
	}
	return w, nil
}

// DataSource describes the restored archive for the export's manifest.
func (w *ArchiveWarehouse) DataSource() DataSource {
	return DataSource{Kind: "archive", Archive: w.archive, ServerVersion: w.CH.Capabilities().Version,
		ArchiveFiles: w.Restored.Files, ArchiveRows: w.Restored.Rows, ArchiveTables: TranscriptTables()}
}

// Close disconnects and stops the private server (removing its data when it made the directory).
func (w *ArchiveWarehouse) Close() error {
	var errs []error
	if w.CH != nil {
		errs = append(errs, w.CH.Close())
	}
	errs = append(errs, w.srv.Stop())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("export: from archive: %w", err)
	}
	return nil
}
