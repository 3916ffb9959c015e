package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/parquet-go/parquet-go"

	"github.com/ccwh/ccwh/schema"
)

// Pruning removes archived files for retention. A file leaves its manifest before it leaves the
// disk, so a crash in between leaves an orphan (a warning for archive verify, and listed again
// by TableFiles so the next prune removes it), never a manifest entry without its file.

// ArchivedFile is one Parquet file of a table: a manifest's entry, or an orphan no manifest
// lists (RunID empty, Entry.Path and Entry.Table only).
type ArchivedFile struct {
	Entry FileEntry
	RunID string
	// Changed is when the listing manifest was last written (for an orphan: the file's
	// modification time). A manifest written recently may belong to a run still going, which
	// would write its entries back from memory: callers leave such files alone.
	Changed time.Time
}

// TableFiles lists the files of table: every entry of every readable manifest (archive verify
// reports the unreadable ones) and the orphans in the table's directory, in path order.
func (a *Archive) TableFiles(table string) ([]ArchivedFile, error) {
	if err := checkName("table", table); err != nil {
		return nil, fmt.Errorf("load: list archive files: %w", err)
	}
	ms, _, err := a.loadManifests()
	if err != nil {
		return nil, err
	}
	var out []ArchivedFile
	listed := map[string]bool{}
	for _, m := range ms {
		for _, e := range m.Files {
			listed[e.Path] = true
			if e.Table == table {
				out = append(out, ArchivedFile{Entry: e, RunID: m.RunID, Changed: m.Updated})
			}
		}
	}
	files, err := filepath.Glob(filepath.Join(a.dir, table, "date=*", "*.parquet"))
	if err != nil {
		return nil, fmt.Errorf("load: list archive files of %s: %w", table, err)
	}
	for _, f := range files {
		rel := filepath.ToSlash(strings.TrimPrefix(f, a.dir+string(filepath.Separator)))
		if listed[rel] || strings.HasPrefix(filepath.Base(f), ".") {
			continue
		}
		st, err := os.Stat(f)
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, ArchivedFile{Entry: FileEntry{Table: table, Path: rel}, Changed: st.ModTime()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Entry.Path < out[j].Entry.Path })
	return out, nil
}

// TimeRange reads the smallest and largest value of a Timestamp or Date column of an archived
// file (archive-relative path) and its row count. A Date is midnight UTC of its day.
func (a *Archive) TimeRange(relPath string, t *schema.Table, column string) (lo, hi time.Time, rows int64, err error) {
	fail := func(err error) (time.Time, time.Time, int64, error) {
		return time.Time{}, time.Time{}, 0, fmt.Errorf("load: time range of %s in %s: %w", column, relPath, err)
	}
	i := t.Column(column)
	if i < 0 {
		return fail(fmt.Errorf("table %s has no column %s", t.Name, column))
	}
	col := t.Columns[i]
	if col.Type != schema.Timestamp && col.Type != schema.Date {
		return fail(fmt.Errorf("column %s is %s, not a Timestamp or Date", column, col.Type))
	}
	full, err := a.localPath(relPath)
	if err != nil {
		return fail(err)
	}
	f, err := os.Open(full)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fail(err)
	}
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipBloomFilters(true))
	if err != nil {
		return fail(fmt.Errorf("open parquet: %w", err))
	}
	leaf, ok := pf.Schema().Lookup(schema.ParquetLeafPath(col)...)
	if !ok {
		return fail(fmt.Errorf("the file has no column %s: %w", column, ErrSchemaMismatch))
	}
	if err := checkLeaf(col, leaf); err != nil {
		return fail(err)
	}
	fb := array.NewBuilder(memory.DefaultAllocator, schema.ArrowType(col.Type))
	defer fb.Release()
	buf := make([]parquet.Value, chunkRows)
	for _, rg := range pf.RowGroups() {
		if err := readChunk(fb, col, rg.ColumnChunks()[leaf.ColumnIndex], buf); err != nil {
			return fail(err)
		}
	}
	arr := fb.NewArray()
	defer arr.Release()
	for r := 0; r < arr.Len(); r++ {
		if arr.IsNull(r) {
			continue
		}
		var v time.Time
		switch x := arr.(type) {
		case *array.Timestamp:
			v = time.UnixMilli(int64(x.Value(r))).UTC()
		case *array.Date32:
			v = x.Value(r).ToTime()
		}
		if lo.IsZero() || v.Before(lo) {
			lo = v
		}
		if hi.IsZero() || v.After(hi) {
			hi = v
		}
	}
	return lo, hi, int64(arr.Len()), nil
}

// RemoveFile removes one archived file; see RemoveFiles.
func (a *Archive) RemoveFile(relPath string) error {
	_, err := a.RemoveFiles(relPath)
	return err
}

// RemoveFiles removes archived files (archive-relative paths): each manifest listing one of
// them is rewritten atomically without its entry first, then the files are deleted and empty
// date directories removed. A path no manifest lists (an orphan) is just deleted; a path that
// is already gone is not an error. Concurrent prunes of the same archive are serialized by a
// lock file. It returns the manifest entries it removed.
func (a *Archive) RemoveFiles(relPaths ...string) ([]FileEntry, error) {
	if len(relPaths) == 0 {
		return nil, nil
	}
	full := make([]string, len(relPaths))
	gone := make(map[string]bool, len(relPaths))
	for i, p := range relPaths {
		f, err := a.localPath(p)
		if err != nil {
			return nil, fmt.Errorf("load: remove archive file: %w", err)
		}
		full[i], gone[p] = f, true
	}
	unlock, err := a.lockPrune()
	if err != nil {
		return nil, err
	}
	defer unlock()
	ms, _, err := a.loadManifests()
	if err != nil {
		return nil, err
	}
	var removed []FileEntry
	for _, m := range ms {
		keep := make([]FileEntry, 0, len(m.Files))
		for _, e := range m.Files {
			if gone[e.Path] {
				removed = append(removed, e)
				continue
			}
			keep = append(keep, e)
		}
		if len(keep) == len(m.Files) {
			continue
		}
		m.Files = keep
		if err := m.Save(); err != nil {
			return removed, fmt.Errorf("load: remove archive files: %w", err)
		}
	}
	dirs := map[string]bool{}
	for _, f := range full {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, fmt.Errorf("load: remove archive file %s: %w", f, err)
		}
		dirs[filepath.Dir(f)] = true
	}
	for d := range dirs {
		if err := syncDir(d); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, fmt.Errorf("load: remove archive files: %w", err)
		}
		_ = os.Remove(d) // only succeeds when the date directory is empty now
	}
	return removed, nil
}

// localPath checks that rel is <table>/date=YYYY-MM-DD/<name>.parquet inside the archive and
// returns its path on disk.
func (a *Archive) localPath(rel string) (string, error) {
	table, _, _ := strings.Cut(rel, "/")
	if _, err := fileDay(FileEntry{Table: table, Path: rel}); err != nil {
		return "", err
	}
	return filepath.Join(a.dir, filepath.FromSlash(rel)), nil
}

// lockPrune takes an exclusive lock on <archive>/.prune.lock, so two prunes (the daemon's job
// and `ccwh retention run`) never rewrite one manifest from two stale copies.
func (a *Archive) lockPrune() (func(), error) {
	f, err := os.OpenFile(filepath.Join(a.dir, ".prune.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("load: lock archive %s: %w", a.dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("load: lock archive %s: %w", a.dir, err)
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
