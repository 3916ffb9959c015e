package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/jobs/compliance"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// Retention modes of a table (RetentionResult.Mode, _ccwh_retention.mode).
const (
	RetentionModeJob = "job" // the retention job drops partitions and deletes rows
	RetentionModeTTL = "ttl" // ClickHouse TTL expires the rows; the job prunes the archive only
)

// DefaultManifestQuiet: archive files whose manifest was written more recently than this are
// left for a later run. A run still going keeps its manifest in memory and rewrites it with
// every batch, which would bring a removed entry back.
const DefaultManifestQuiet = 6 * time.Hour

// RetentionOptions select what one retention run does.
type RetentionOptions struct {
	DryRun bool     // compute and report everything, change nothing (and record nothing)
	Tables []string // only these configured tables; empty: every configured table
}

// RetentionReport is what a retention run did (with DryRun: would do).
type RetentionReport struct {
	RunID      string
	Started    time.Time
	DryRun     bool
	Holds      int      // active legal holds when the run started
	TTLChanges []string // ALTER … TTL commands run (dry run: due), as "table: command"
	Tables     []RetentionResult
	// Err is what failed outside the tables: changing TTLs, dropping stale probe tables.
	Err error
}

// Failed lists the tables whose retention failed.
func (r *RetentionReport) Failed() []RetentionResult {
	var out []RetentionResult
	for _, t := range r.Tables {
		if t.Err != nil {
			out = append(out, t)
		}
	}
	return out
}

// RetentionResult is the retention of one table in one run.
type RetentionResult struct {
	Table  string
	Days   int
	Cutoff time.Time // rows older than this expired
	Mode   string    // RetentionModeJob or RetentionModeTTL

	PartitionsDropped int
	RowsDeleted       int64 // in dropped partitions and by the DELETE mutation
	RowsHeld          int64 // expired rows a legal hold keeps

	ArchiveFilesRemoved int
	ArchiveRowsRemoved  int64
	ArchiveFilesHeld    int // expired files kept: they hold rows under a legal hold
	ArchiveFilesYoung   int // files with expired rows kept: they also hold rows not yet expired
	ArchiveFilesRecent  int // expired files kept: their manifest was written too recently

	Duration time.Duration
	Err      error
}

// Retention applies the configured retention to ClickHouse and the Parquet archive: the body of
// `ccwh retention run` and of the daemon's retention job.
type Retention struct {
	cfg     *RetentionConfig
	ch      *load.ClickHouse
	archive *load.Archive
	metrics *Metrics
	log     zerolog.Logger
	mem     memory.Allocator
	now     func() time.Time
	quiet   time.Duration // see DefaultManifestQuiet
}

// NewRetention builds the retention job of cfg. metrics may be nil.
func NewRetention(cfg *Config, ch *load.ClickHouse, archive *load.Archive, metrics *Metrics, log zerolog.Logger) *Retention {
	return &Retention{cfg: &cfg.Retention, ch: ch, archive: archive, metrics: metrics, log: log,
		mem: memory.DefaultAllocator, now: time.Now, quiet: DefaultManifestQuiet}
}

// Run applies retention once. Every table is attempted; the error joins the tables' errors. Each
// table's outcome is recorded in _ccwh_retention (not in a dry run).
func (r *Retention) Run(ctx context.Context, opts RetentionOptions) (*RetentionReport, error) {
	rules, err := r.selectRules(opts.Tables)
	if err != nil {
		return nil, err
	}
	started := r.now().UTC()
	rep := &RetentionReport{RunID: newRunID(started), Started: started, DryRun: opts.DryRun}
	var errs []error
	if rep.TTLChanges, err = ApplyRetentionTTL(ctx, r.ch, r.cfg, opts.DryRun, r.log); err != nil {
		errs = append(errs, err)
	}
	if !opts.DryRun && r.cfg.PruneArchive() {
		if err := r.dropStaleProbes(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	holds, err := compliance.ActiveHolds(ctx, r.ch)
	if err != nil {
		rep.Err = errors.Join(append(errs, fmt.Errorf("retention: %w", err))...)
		r.metrics.observeRetention(rep)
		return rep, rep.Err
	}
	rep.Err = errors.Join(errs...)
	rep.Holds = len(holds)
	for _, rule := range rules {
		t0 := time.Now()
		res := RetentionResult{Table: rule.Table.Name, Days: rule.Days, Cutoff: rule.Cutoff(started), Mode: RetentionModeJob}
		if TTLManaged(rule.Table, r.ch.Capabilities()) {
			res.Mode = RetentionModeTTL
		}
		res.Err = r.table(ctx, rule.Table, &res, opts.DryRun)
		res.Duration = time.Since(t0)
		rep.Tables = append(rep.Tables, res)
		r.observe(rep, res)
		if res.Err != nil {
			errs = append(errs, res.Err)
		}
	}
	r.metrics.observeRetention(rep)
	return rep, errors.Join(errs...)
}

// selectRules picks the configured rules of the named tables (all without names).
func (r *Retention) selectRules(tables []string) ([]RetentionRule, error) {
	if len(tables) == 0 {
		return r.cfg.Rules(), nil
	}
	var out []RetentionRule
	for _, name := range tables {
		rule, ok := r.cfg.Rule(name)
		if !ok {
			return nil, fmt.Errorf("retention: table %s has no retention in the config", name)
		}
		out = append(out, rule)
	}
	return out, nil
}

// table applies retention to one table: ClickHouse (unless TTL does it), then the archive.
func (r *Retention) table(ctx context.Context, t *schema.Table, res *RetentionResult, dryRun bool) error {
	// Holds are resolved per table, right before use: their conditions name the matching values
	// found now.
	holds, err := compliance.LoadHolds(ctx, r.ch)
	if err != nil {
		return fmt.Errorf("retention %s: %w", t.Name, err)
	}
	cut := effectiveCutoff(t, res.Cutoff)
	if res.Mode == RetentionModeJob {
		if err := r.pruneTable(ctx, t, cut, holds, res, dryRun); err != nil {
			return fmt.Errorf("retention %s: %w", t.Name, err)
		}
	}
	if r.cfg.PruneArchive() {
		if err := r.pruneArchive(ctx, t, cut, holds, res, dryRun); err != nil {
			return fmt.Errorf("retention %s: archive: %w", t.Name, err)
		}
	}
	return nil
}

// effectiveCutoff is the cutoff at the precision of t's timestamp column: whole seconds for a
// Timestamp (ClickHouse 18.16 stores seconds), midnight for a Date (a day expires whole).
func effectiveCutoff(t *schema.Table, cutoff time.Time) time.Time {
	if t.Columns[t.Column(t.PartitionBy)].Type == schema.Date {
		return cutoff.UTC().Truncate(24 * time.Hour)
	}
	return cutoff.UTC().Truncate(time.Second)
}

// cutoffSQL renders the cutoff as a literal of the column's type.
func cutoffSQL(t *schema.Table, cut time.Time) string {
	if t.Columns[t.Column(t.PartitionBy)].Type == schema.Date {
		return "toDate('" + cut.Format(time.DateOnly) + "')"
	}
	return "toDateTime('" + cut.Format(time.DateTime) + "', 'UTC')"
}

// heldSQL makes a hold condition total: a NULL (a comparison with a NULL column) is not held.
func heldSQL(cond string) string { return "ifNull((" + cond + "), 0)" }

// partitionStat is one monthly partition with expired rows.
type partitionStat struct {
	month         uint32 // toYYYYMM, the partition id
	rows, expired uint64
	held          uint64 // expired rows under a hold
}

// end is the first instant after the partition's month.
func (p partitionStat) end() time.Time {
	return time.Date(int(p.month/100), time.Month(p.month%100)+1, 1, 0, 0, 0, 0, time.UTC)
}

// pruneTable drops the partitions whose whole month is before the cutoff and that hold no held
// row, then deletes the remaining expired rows that no hold covers with one mutation.
func (r *Retention) pruneTable(ctx context.Context, t *schema.Table, cut time.Time, holds *compliance.HoldSet, res *RetentionResult, dryRun bool) error {
	cond, args := holds.Condition(t)
	ts, ref := schema.Quote(t.PartitionBy), tableRef(r.ch, t)
	old := ts + " < " + cutoffSQL(t, cut)
	q := fmt.Sprintf(`SELECT toYYYYMM(%s) AS p, count(), countIf(%s), countIf(%s AND %s)
		FROM %s GROUP BY p HAVING countIf(%s) > 0 ORDER BY p`, ts, old, old, heldSQL(cond), ref, old)
	parts, err := r.partitions(ctx, q, args)
	if err != nil {
		return err
	}
	var remaining, remainingHeld uint64
	for _, p := range parts {
		if p.end().After(cut) || p.held > 0 {
			remaining += p.expired
			remainingHeld += p.held
			continue
		}
		dropped, err := r.dropPartition(ctx, t, p, dryRun)
		if err != nil {
			return err
		}
		if !dropped { // a hold appeared meanwhile: the mutation decides row by row
			remaining += p.expired
			continue
		}
		res.PartitionsDropped++
		res.RowsDeleted += int64(p.rows)
	}
	if remaining == 0 {
		return nil
	}
	if dryRun {
		res.RowsDeleted += int64(remaining - remainingHeld)
		res.RowsHeld += int64(remainingHeld)
		return nil
	}
	// Fresh holds for the mutation: one may have been added since the run started.
	if holds, err = compliance.LoadHolds(ctx, r.ch); err != nil {
		return err
	}
	cond, args = holds.Condition(t)
	if err := r.ch.Mutate(ctx, t.Name, "DELETE WHERE "+old+" AND NOT "+heldSQL(cond), args...); err != nil {
		return err
	}
	var left uint64
	if err := r.ch.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM %s WHERE %s", ref, old)).Scan(&left); err != nil {
		return fmt.Errorf("count expired rows left: %w", err)
	}
	res.RowsDeleted += int64(remaining) - int64(left)
	res.RowsHeld += int64(left)
	return nil
}

// partitions runs the partition statistics query.
func (r *Retention) partitions(ctx context.Context, q string, args []any) ([]partitionStat, error) {
	rows, err := r.ch.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read partitions: %w", err)
	}
	defer rows.Close()
	var out []partitionStat
	for rows.Next() {
		var p partitionStat
		if err := rows.Scan(&p.month, &p.rows, &p.expired, &p.held); err != nil {
			return nil, fmt.Errorf("read partitions: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read partitions: %w", err)
	}
	return out, nil
}

// dropPartition drops one expired partition after checking again, with holds read now, that no
// row of it is held. It reports false when a hold covers a row now.
func (r *Retention) dropPartition(ctx context.Context, t *schema.Table, p partitionStat, dryRun bool) (bool, error) {
	if dryRun {
		return true, nil
	}
	holds, err := compliance.LoadHolds(ctx, r.ch)
	if err != nil {
		return false, err
	}
	cond, args := holds.Condition(t)
	var held uint64
	q := fmt.Sprintf("SELECT countIf(%s) FROM %s WHERE toYYYYMM(%s) = %d", heldSQL(cond), tableRef(r.ch, t), schema.Quote(t.PartitionBy), p.month)
	if err := r.ch.QueryRow(ctx, q, args...).Scan(&held); err != nil {
		return false, fmt.Errorf("check holds in partition %d: %w", p.month, err)
	}
	if held > 0 {
		return false, nil
	}
	// Alter: in cluster mode the partitions are those of the shard-local tables.
	if err := r.ch.Alter(ctx, t.Name, fmt.Sprintf("DROP PARTITION %d", p.month)); err != nil {
		return false, fmt.Errorf("drop partition %d: %w", p.month, err)
	}
	r.log.Debug().Str(fTable, t.Name).Uint32("partition", p.month).Uint64(fRows, p.rows).Msg("retention: partition dropped")
	return true, nil
}

// observe logs a table's outcome and records it in _ccwh_retention (not in a dry run).
func (r *Retention) observe(rep *RetentionReport, res RetentionResult) {
	ev := r.log.Debug()
	switch {
	case res.Err != nil:
		ev = r.log.Error().Err(res.Err)
	case !rep.DryRun && (res.RowsDeleted > 0 || res.ArchiveFilesRemoved > 0 || res.RowsHeld > 0):
		ev = r.log.Info()
	}
	ev.Str(fRun, rep.RunID).Str(fTable, res.Table).Bool("dry_run", rep.DryRun).Str("mode", res.Mode).
		Time("cutoff", res.Cutoff).Int("partitions_dropped", res.PartitionsDropped).
		Int64("rows_deleted", res.RowsDeleted).Int64("rows_held", res.RowsHeld).
		Int("archive_files_removed", res.ArchiveFilesRemoved).Int("archive_files_held", res.ArchiveFilesHeld).
		Int("archive_files_young", res.ArchiveFilesYoung).Int("archive_files_recent", res.ArchiveFilesRecent).
		Msg("retention applied")
	if rep.DryRun {
		return
	}
	status, errText := "succeeded", ""
	if res.Err != nil {
		status, errText = "failed", oneLine(res.Err)
	}
	row := []any{rep.RunID, res.Table, rep.Started, r.now().UTC(), int64(res.Days), res.Cutoff, res.Mode,
		int64(res.PartitionsDropped), res.RowsDeleted, res.RowsHeld,
		int64(res.ArchiveFilesRemoved), res.ArchiveRowsRemoved, int64(res.ArchiveFilesHeld), int64(res.ArchiveFilesYoung),
		status, errText, nextVersion()}
	// A context of its own: the outcome is recorded even when the run's context ended.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := r.ch.InsertRows(ctx, schema.Retention, [][]any{row}); err != nil {
		r.log.Warn().Err(err).Str(fRun, rep.RunID).Str(fTable, res.Table).Msg("could not record retention in _ccwh_retention")
	}
}

// tableRef is db.table, quoted.
func tableRef(ch *load.ClickHouse, t *schema.Table) string {
	return schema.Quote(ch.Database()) + "." + schema.Quote(t.Name)
}
