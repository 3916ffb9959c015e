package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/ccwh/ccwh/jobs/compliance"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// pruneArchive removes the table's Parquet files whose every row is older than the cutoff and
// that hold no row under a legal hold; a removed file leaves its manifest first (load's
// RemoveFiles). Files are never rewritten: a file that also holds rows not yet expired, or a
// held row, is kept whole and counted. Files whose manifest was written within r.quiet are left
// for a later run (their run may still be going).
func (r *Retention) pruneArchive(ctx context.Context, t *schema.Table, cut time.Time, holds *compliance.HoldSet, res *RetentionResult, dryRun bool) error {
	files, err := r.archive.TableFiles(t.Name)
	if err != nil {
		return err
	}
	cond, args := holds.Condition(t)
	probe := &holdProbe{r: r, t: t, cond: cond, args: args}
	defer probe.close()
	now := r.now()
	var expired []string
	var errs []error
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		lo, hi, rows, err := r.archive.TimeRange(f.Entry.Path, t, t.PartitionBy)
		if err != nil {
			errs = append(errs, err) // kept; archive verify says what is wrong with it
			continue
		}
		switch {
		case rows > 0 && !lo.Before(cut): // nothing expired
			continue
		case rows == 0 && !fileDay(f.Entry.Path).Before(cut):
			continue
		case rows > 0 && !hi.Before(cut):
			res.ArchiveFilesYoung++
			continue
		case r.quiet > 0 && now.Sub(f.Changed) < r.quiet:
			res.ArchiveFilesRecent++
			continue
		}
		if rows > 0 && cond != "0" {
			held, err := probe.held(ctx, f.Entry.Path)
			if err != nil {
				return err
			}
			if held > 0 {
				res.ArchiveFilesHeld++
				continue
			}
		}
		expired = append(expired, f.Entry.Path)
		res.ArchiveRowsRemoved += rows
	}
	res.ArchiveFilesRemoved = len(expired)
	if !dryRun && len(expired) > 0 {
		if _, err := r.archive.RemoveFiles(expired...); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// fileDay is the day in a <table>/date=YYYY-MM-DD/<file> path (zero when there is none).
func fileDay(rel string) time.Time {
	parts := strings.Split(rel, "/")
	if len(parts) < 2 {
		return time.Time{}
	}
	d, _ := time.Parse(time.DateOnly, strings.TrimPrefix(parts[1], "date="))
	return d
}

// holdProbe evaluates the exact hold condition ClickHouse uses on the rows of an archived file:
// the file is loaded into a temporary Memory table with the table's columns (created on the
// connected server only) and the condition counted there, so the archive and the warehouse
// never disagree about what a hold covers.
type holdProbe struct {
	r       *Retention
	t       *schema.Table
	cond    string
	args    []any
	scratch *schema.Table // nil until the first file
}

// held counts the rows of one archived file under a hold.
func (p *holdProbe) held(ctx context.Context, rel string) (uint64, error) {
	ch := p.r.ch
	if p.scratch == nil {
		var b [4]byte
		_, _ = rand.Read(b[:])
		s := *p.t
		s.Name = probePrefix + hex.EncodeToString(b[:])
		q := fmt.Sprintf("CREATE TABLE %s AS %s ENGINE = Memory", tableRef(ch, &s), tableRef(ch, p.t))
		if err := ch.Exec(ctx, q); err != nil {
			return 0, fmt.Errorf("create hold probe table: %w", err)
		}
		p.scratch = &s
	}
	rec, err := load.ReadParquet(p.r.mem, filepath.Join(p.r.archive.Dir(), filepath.FromSlash(rel)), p.t)
	if err != nil {
		return 0, err
	}
	defer rec.Release()
	if err := ch.Exec(ctx, "TRUNCATE TABLE "+tableRef(ch, p.scratch)); err != nil {
		return 0, fmt.Errorf("hold probe: %w", err)
	}
	// InsertRows, not Insert: it always goes to the named table on the connected server, where
	// the probe table is (Insert sends rows to the shards in cluster mode).
	if err := ch.InsertRows(ctx, p.scratch, recordRows(rec, p.t)); err != nil {
		return 0, fmt.Errorf("hold probe of %s: %w", rel, err)
	}
	var n uint64
	q := fmt.Sprintf("SELECT countIf(%s) FROM %s", heldSQL(p.cond), tableRef(ch, p.scratch))
	if err := ch.QueryRow(ctx, q, p.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("hold probe of %s: %w", rel, err)
	}
	return n, nil
}

// probePrefix starts the name of every hold probe table.
const probePrefix = "_ccwh_tmp_retention_"

// dropStaleProbes drops probe tables a crashed run left behind (older than a day, so that a
// concurrent run's table is never touched).
func (r *Retention) dropStaleProbes(ctx context.Context) error {
	rows, err := r.ch.Query(ctx, "SELECT name FROM system.tables WHERE database = ? AND startsWith(name, ?) AND metadata_modification_time < now() - 86400",
		r.ch.Database(), probePrefix)
	if err != nil {
		return fmt.Errorf("retention: list stale hold probe tables: %w", err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return fmt.Errorf("retention: list stale hold probe tables: %w", err)
		}
		names = append(names, n)
	}
	rows.Close()
	for _, n := range names {
		if err := r.ch.Exec(ctx, "DROP TABLE IF EXISTS "+schema.Quote(r.ch.Database())+"."+schema.Quote(n)); err != nil {
			return fmt.Errorf("retention: drop stale hold probe table %s: %w", n, err)
		}
	}
	return rows.Err()
}

// close drops the probe table, even when the run's context has ended.
func (p *holdProbe) close() {
	if p.scratch == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := p.r.ch.Exec(ctx, "DROP TABLE IF EXISTS "+tableRef(p.r.ch, p.scratch)); err != nil {
		p.r.log.Warn().Err(err).Str(fTable, p.scratch.Name).Msg("retention: could not drop the hold probe table")
	}
}

// recordRows converts a record of t into InsertRows values: nil for NULL, else string, int64,
// uint64, float64, bool, time.Time, []string or []int64.
func recordRows(rec arrow.Record, t *schema.Table) [][]any {
	n := int(rec.NumRows())
	rows := make([][]any, n)
	for r := range rows {
		rows[r] = make([]any, len(t.Columns))
	}
	for c := range t.Columns {
		col := rec.Column(c)
		for r := 0; r < n; r++ {
			if col.IsNull(r) {
				continue
			}
			var v any
			switch a := col.(type) {
			case *array.String:
				v = a.Value(r)
			case *array.Int64:
				v = a.Value(r)
			case *array.Uint64:
				v = a.Value(r)
			case *array.Float64:
				v = a.Value(r)
			case *array.Boolean:
				v = a.Value(r)
			case *array.Timestamp:
				v = time.UnixMilli(int64(a.Value(r))).UTC()
			case *array.Date32:
				v = a.Value(r).ToTime()
			case *array.List:
				lo, hi := a.ValueOffsets(r)
				switch vals := a.ListValues().(type) {
				case *array.String:
					l := make([]string, 0, hi-lo)
					for i := lo; i < hi; i++ {
						l = append(l, vals.Value(int(i)))
					}
					v = l
				case *array.Int64:
					v = append([]int64{}, vals.Int64Values()[lo:hi]...)
				}
			}
			rows[r][c] = v
		}
	}
	return rows
}
