package load

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/ccwh/ccwh/schema"
)

// RewriteFunc transforms the rows of an archived file. It returns changed=false to leave the
// file as it is; otherwise the record to write instead (it may be rec itself; a new record is
// released by Rewrite).
type RewriteFunc func(rec arrow.Record) (out arrow.Record, changed bool, err error)

// Manifests reads every run manifest of the archive, oldest run first. Manifests that cannot
// be read are reported by VerifyAll and skipped here.
func (a *Archive) Manifests() ([]*Manifest, error) {
	ms, _, err := a.loadManifests()
	return ms, err
}

// Rewrite reads the file of entry e of manifest m as table t, passes its rows to fn and, when
// fn changed them, writes the result to the same path (temporary file, fsync, rename, as every
// archive write) and updates the manifest entry's rows, bytes and SHA-256, so that archive
// verify keeps passing. It is how an erasure removes a customer from the archive. A crash
// between the rename and the manifest update leaves a checksum problem that verify reports and
// a repeated rewrite (erasure) repairs.
func (a *Archive) Rewrite(m *Manifest, e FileEntry, t *schema.Table, mem memory.Allocator, fn RewriteFunc) (FileEntry, bool, error) {
	if _, err := fileDay(e); err != nil {
		return e, false, fmt.Errorf("load: rewrite %s: %w", e.Path, err)
	}
	path := filepath.Join(a.dir, filepath.FromSlash(e.Path))
	rec, err := ReadParquet(mem, path, t)
	if err != nil {
		return e, false, fmt.Errorf("load: rewrite %s: %w", e.Path, err)
	}
	defer rec.Release()
	out, changed, err := fn(rec)
	if err != nil {
		return e, false, fmt.Errorf("load: rewrite %s: %w", e.Path, err)
	}
	if !changed {
		return e, false, nil
	}
	if out != rec {
		defer out.Release()
	}
	if err := checkRecord(t, out); err != nil {
		return e, false, fmt.Errorf("load: rewrite %s: %w", e.Path, err)
	}
	ne := e
	ne.Rows = out.NumRows()
	ne.Bytes, ne.SHA256, err = writeAtomic(path, func(w io.Writer) error { return writeParquet(w, t, m.RunID, out) })
	if err != nil {
		return e, false, fmt.Errorf("load: rewrite %s: %w", e.Path, err)
	}
	if err := m.Add(ne); err != nil {
		return ne, true, fmt.Errorf("load: rewrite %s: the file is rewritten but its manifest is not: %w", e.Path, err)
	}
	return ne, true, nil
}
