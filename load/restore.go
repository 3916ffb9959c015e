package load

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/parquet-go/parquet-go"

	"github.com/ccwh/ccwh/schema"
)

// RestoreOptions select what Restore loads. The zero value restores every table from every
// file, into the existing tables.
type RestoreOptions struct {
	// Tables limits the restore to these tables (names as in schema.Tables()); empty means every
	// table. A name this build does not define is an error.
	Tables []string
	// From and To select files by the day in their path (<table>/date=YYYY-MM-DD/…): a file is
	// restored when From <= day < To, with day at midnight UTC; a zero bound is open. The day is
	// the UTC day the file's extraction window started (for full-refresh tables, the day of the
	// run), not a timestamp of the rows in it.
	From, To time.Time
	// Replace drops every selected table and creates it anew (the current DDL for the server)
	// before loading, so the table holds exactly what the archive holds. It cannot be combined
	// with From or To (that would drop the rows of every other day). Without Replace, rows are
	// inserted into the existing tables (created when missing): ReplacingMergeTree on _version
	// makes a row that is already there a duplicate that FINAL, the _latest views and background
	// merges collapse, so restoring twice is harmless.
	Replace bool
	// Progress, when set, is called after each file is checked and after each file is loaded.
	Progress func(RestoreProgress)
	// Mem allocates the Arrow records read from the files; nil means the Go allocator.
	Mem memory.Allocator
}

// RestorePhase is what Restore is doing.
type RestorePhase string

// Restore first checks every selected file (nothing is changed in ClickHouse if one is bad),
// then loads them.
const (
	PhaseVerify RestorePhase = "verify"
	PhaseLoad   RestorePhase = "load"
)

// RestoreProgress is how far Restore has got in its current phase.
type RestoreProgress struct {
	Phase            RestorePhase
	Started          time.Time
	Files, FilesDone int
	Bytes, BytesDone int64
	Rows             int64  // rows loaded so far (PhaseLoad)
	Table            string // table of the file just done
}

// RestoreResult is what Restore did.
type RestoreResult struct {
	Manifests   int
	Files       int // files loaded
	Rows        int64
	Bytes       int64
	RowsByTable map[string]int64
	// Tables are the tables Restore prepared: created when missing, or dropped and created with
	// Replace, in name order.
	Tables []string
	// RolledBack counts the selected files of failed windows (their rows were deleted from
	// ClickHouse when the window failed), which are not loaded.
	RolledBack int
	// Skipped are files that were not loaded and why (ProblemUnknownTable: a table this build
	// does not define).
	Skipped []Problem
	// Problems are why the restore was refused (damaged or changed files, unreadable manifests).
	Problems []Problem
}

// restoreFile is one file to load.
type restoreFile struct {
	runID string
	entry FileEntry
	table *schema.Table
}

// Restore rebuilds ClickHouse tables from the Parquet archive. It reads every manifest (in the
// order the runs started, each run's files by sequence number, which is the order they were
// first inserted), selects the files of the chosen tables and days, and skips the files of
// rolled-back windows (the warehouse does not hold those rows). Parquet files no manifest
// lists are never loaded: their batches were never inserted.
//
// Guarantees: before anything in ClickHouse changes, every selected file is checked against its
// manifest (size, SHA-256, row count); a missing, changed or damaged file, or an unreadable
// manifest, refuses the whole restore, naming the files (the error wraps ErrVerify and
// res.Problems lists them). While loading, each file is read into memory once and its SHA-256
// checked again on exactly the bytes that are decoded, so a file changed in between is refused
// too. Files are loaded one at a time with one insert each (memory is bounded by one file and
// its record). The database and the selected tables are created when missing (views and
// internal tables are not: use Migrate for a complete warehouse). Run history and watermarks
// (_ccwh_*) are not in the archive and are not restored.
//
// A restore that fails while loading leaves the tables partly loaded; running it again is
// harmless (and with Replace starts over).
func Restore(ctx context.Context, ch *ClickHouse, a *Archive, opts RestoreOptions) (*RestoreResult, error) {
	res := &RestoreResult{RowsByTable: map[string]int64{}}
	tables, err := restoreTables(opts)
	if err != nil {
		return res, err
	}
	ms, bad, err := a.loadManifests()
	if err != nil {
		return res, err
	}
	res.Manifests = len(ms)
	if len(bad) > 0 {
		res.Problems = bad
		return res, fmt.Errorf("load: restore refused: %w", problemsErr(bad))
	}
	if opts.Replace && len(ms) == 0 {
		return res, fmt.Errorf("load: restore --replace refused: archive %s holds no manifests (would empty the tables)", a.dir)
	}
	plan := a.restorePlan(ms, tables, opts, res)
	if len(res.Problems) > 0 {
		return res, fmt.Errorf("load: restore refused: %w", problemsErr(res.Problems))
	}

	// Phase 1: check every file before touching ClickHouse.
	prog := RestoreProgress{Phase: PhaseVerify, Started: time.Now(), Files: len(plan)}
	for _, f := range plan {
		prog.Bytes += f.entry.Bytes
	}
	report := func(table string) {
		prog.Table = table
		if opts.Progress != nil {
			opts.Progress(prog)
		}
	}
	report("")
	for _, f := range plan {
		if err := ctx.Err(); err != nil {
			return res, fmt.Errorf("load: restore: %w", err)
		}
		if p := a.checkFile(f.runID, f.entry); p != nil {
			res.Problems = append(res.Problems, *p)
		}
		prog.FilesDone++
		prog.BytesDone += f.entry.Bytes
		report(f.table.Name)
	}
	if len(res.Problems) > 0 {
		return res, fmt.Errorf("load: restore refused, nothing was changed: %w", problemsErr(res.Problems))
	}

	// Phase 2: prepare the tables, then load file by file.
	if len(plan) == 0 && !opts.Replace {
		return res, nil
	}
	if err := prepareTables(ctx, ch, tables, plan, opts.Replace, res); err != nil {
		return res, err
	}
	mem := opts.Mem
	if mem == nil {
		mem = memory.NewGoAllocator()
	}
	prog = RestoreProgress{Phase: PhaseLoad, Started: time.Now(), Files: prog.Files, Bytes: prog.Bytes}
	report("")
	for _, f := range plan {
		if err := ctx.Err(); err != nil {
			return res, fmt.Errorf("load: restore: %w", err)
		}
		rows, err := a.restoreFile(ctx, ch, mem, f)
		if err != nil {
			var p *Problem
			if errors.As(err, &p) {
				res.Problems = append(res.Problems, *p)
				return res, fmt.Errorf("load: restore stopped after %d of %d files: %w", res.Files, len(plan), problemsErr(res.Problems))
			}
			return res, fmt.Errorf("load: restore %s (run %s) into %s: %w", f.entry.Path, f.runID, f.table.Name, err)
		}
		res.Files++
		res.Rows += rows
		res.Bytes += f.entry.Bytes
		res.RowsByTable[f.table.Name] += rows
		prog.FilesDone++
		prog.BytesDone += f.entry.Bytes
		prog.Rows += rows
		report(f.table.Name)
	}
	return res, nil
}

// restoreTables resolves opts.Tables (every table when empty) and checks the options.
func restoreTables(opts RestoreOptions) ([]*schema.Table, error) {
	if !opts.From.IsZero() && !opts.To.IsZero() && !opts.From.Before(opts.To) {
		return nil, fmt.Errorf("load: restore: from %s is not before to %s", opts.From.Format(time.DateOnly), opts.To.Format(time.DateOnly))
	}
	if opts.Replace && (!opts.From.IsZero() || !opts.To.IsZero()) {
		return nil, errors.New("load: restore: replace rebuilds whole tables and cannot be limited to days (from/to)")
	}
	if len(opts.Tables) == 0 {
		return schema.Tables(), nil
	}
	var out []*schema.Table
	for _, name := range opts.Tables {
		t, err := schema.Lookup(name)
		if err != nil {
			return nil, fmt.Errorf("load: restore: %w", err)
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// restorePlan selects the files to load, in load order. Files of unknown tables go to
// res.Skipped (when no table was asked for by name), malformed paths to res.Problems.
func (a *Archive) restorePlan(ms []*Manifest, tables []*schema.Table, opts RestoreOptions, res *RestoreResult) []restoreFile {
	var plan []restoreFile
	seen := map[string]bool{}
	for _, m := range ms {
		files := slices.Clone(m.Files)
		slices.SortStableFunc(files, func(x, y FileEntry) int { return x.Seq - y.Seq })
		for _, e := range files {
			t, lookupErr := schema.Lookup(e.Table)
			if (lookupErr == nil && !slices.Contains(tables, t)) || (lookupErr != nil && len(opts.Tables) > 0) {
				continue // not asked for
			}
			day, err := fileDay(e)
			if err != nil {
				res.Problems = append(res.Problems, Problem{RunID: m.RunID, Path: e.Path, Kind: ProblemBadPath, Detail: err.Error()})
				continue
			}
			if (!opts.From.IsZero() && day.Before(opts.From)) || (!opts.To.IsZero() && !day.Before(opts.To)) {
				continue
			}
			if lookupErr != nil {
				res.Skipped = append(res.Skipped, Problem{RunID: m.RunID, Path: e.Path, Kind: ProblemUnknownTable,
					Detail: fmt.Sprintf("table %s is not defined by this build; not restored", e.Table)})
				continue
			}
			if e.RolledBack {
				res.RolledBack++
				continue
			}
			if seen[e.Path] {
				continue
			}
			seen[e.Path] = true
			plan = append(plan, restoreFile{runID: m.RunID, entry: e, table: t})
		}
	}
	return plan
}

// prepareTables creates the database and the tables to load (with replace: every selected
// table, dropped first).
func prepareTables(ctx context.Context, ch *ClickHouse, tables []*schema.Table, plan []restoreFile, replace bool, res *RestoreResult) error {
	db := ch.Database()
	if err := ch.ensureDatabase(ctx); err != nil {
		return fmt.Errorf("load: restore: %w", err)
	}
	var prepare []*schema.Table
	if replace && ch.opt.Cluster.Enabled() {
		return errors.New("load: restore: replace is not supported in cluster mode (it would drop only one server's tables); restore into the existing tables")
	}
	if replace {
		prepare = tables
		for _, t := range tables {
			if err := ch.Exec(ctx, fmt.Sprintf("DROP TABLE IF EXISTS %s.%s", schema.Quote(db), schema.Quote(t.Name))); err != nil {
				return fmt.Errorf("load: restore: drop %s.%s: %w", db, t.Name, err)
			}
		}
	} else {
		for _, f := range plan {
			if !slices.Contains(prepare, f.table) {
				prepare = append(prepare, f.table)
			}
		}
		sort.Slice(prepare, func(i, j int) bool { return prepare[i].Name < prepare[j].Name })
	}
	if err := ch.EnsureTables(ctx, prepare...); err != nil {
		return fmt.Errorf("load: restore: %w", err)
	}
	for _, t := range prepare {
		res.Tables = append(res.Tables, t.Name)
	}
	return nil
}

// restoreFile reads one file into memory, checks it against its manifest entry, decodes it and
// inserts it. A file that does not match returns a *Problem.
func (a *Archive) restoreFile(ctx context.Context, ch *ClickHouse, mem memory.Allocator, f restoreFile) (int64, error) {
	e := f.entry
	b, err := os.ReadFile(filepath.Join(a.dir, filepath.FromSlash(e.Path)))
	if err != nil {
		return 0, &Problem{RunID: f.runID, Path: e.Path, Kind: ProblemUnreadable, Detail: err.Error()}
	}
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); int64(len(b)) != e.Bytes || got != e.SHA256 {
		return 0, &Problem{RunID: f.runID, Path: e.Path, Kind: ProblemChecksum,
			Detail: fmt.Sprintf("changed since it was checked: %d bytes sha256 %s, manifest says %d bytes sha256 %s", len(b), got, e.Bytes, e.SHA256)}
	}
	pf, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)), parquet.SkipBloomFilters(true))
	if err != nil {
		return 0, &Problem{RunID: f.runID, Path: e.Path, Kind: ProblemUnreadable, Detail: err.Error()}
	}
	rec, err := readParquet(mem, pf, f.table)
	if err != nil {
		return 0, fmt.Errorf("read as %s: %w", f.table.Name, err)
	}
	defer rec.Release()
	if rec.NumRows() != e.Rows {
		return 0, &Problem{RunID: f.runID, Path: e.Path, Kind: ProblemRows, Detail: fmt.Sprintf("%d rows, manifest says %d", rec.NumRows(), e.Rows)}
	}
	if err := ch.Insert(ctx, f.table, rec, ""); err != nil {
		return 0, err
	}
	return rec.NumRows(), nil
}
