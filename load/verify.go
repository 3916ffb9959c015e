package load

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// ProblemKind classifies what is wrong with an archived file or a manifest.
type ProblemKind string

// The kinds of problems VerifyAll and Restore report.
const (
	ProblemMissing      ProblemKind = "missing"       // listed in a manifest, not on disk
	ProblemChecksum     ProblemKind = "checksum"      // size or SHA-256 differ from the manifest: changed or damaged
	ProblemRows         ProblemKind = "rows"          // the Parquet footer holds another row count than the manifest
	ProblemUnreadable   ProblemKind = "unreadable"    // cannot be opened or read as Parquet
	ProblemBadPath      ProblemKind = "bad path"      // a manifest path that leaves the archive or is not <table>/date=YYYY-MM-DD/…
	ProblemManifest     ProblemKind = "manifest"      // a manifest that cannot be read
	ProblemOrphan       ProblemKind = "orphan"        // a Parquet file that no manifest lists
	ProblemUnknownTable ProblemKind = "unknown table" // a file of a table this build does not define (Restore)
)

// Problem is one thing wrong with the archive: which run's manifest, which file, what.
type Problem struct {
	RunID  string      // the manifest's run; empty for an orphan
	Path   string      // archive-relative file path with forward slashes (for ProblemManifest: the manifest's)
	Kind   ProblemKind //
	Detail string      // e.g. "sha256 ab12…, manifest says 9f3c…"
}

// Error makes a *Problem an error.
func (p *Problem) Error() string { return p.String() }

func (p Problem) String() string {
	s := p.Path + ": " + string(p.Kind)
	if p.RunID != "" {
		s = "run " + p.RunID + ": " + s
	}
	if p.Detail != "" {
		s += ": " + p.Detail
	}
	return s
}

// VerifyOptions tune VerifyAll.
type VerifyOptions struct {
	// Strict makes orphans (Parquet files no manifest lists) problems instead of warnings. They
	// are normal after a crash between writing a file and recording it (that batch was never
	// inserted either), so by default they are only reported.
	Strict bool
	// Progress, when set, is called after each file is checked.
	Progress func(VerifyProgress)
}

// VerifyProgress is how far VerifyAll has got.
type VerifyProgress struct {
	Files, FilesDone int
	Bytes, BytesDone int64 // as the manifests list them
}

// VerifyResult is what VerifyAll found.
type VerifyResult struct {
	Manifests  int
	Files      int   // files listed in the manifests
	Rows       int64 // rows the manifests list
	Bytes      int64
	RolledBack int // listed files whose rows were rolled back (checked like every other file)
	Problems   []Problem
	Warnings   []Problem // orphans unless Strict
}

// OK reports whether nothing is wrong (warnings allowed).
func (r *VerifyResult) OK() bool { return len(r.Problems) == 0 }

// Err is nil when OK, else an error wrapping ErrVerify that names the first problems.
func (r *VerifyResult) Err() error { return problemsErr(r.Problems) }

// problemsErr names up to ten problems in one error wrapping ErrVerify.
func problemsErr(ps []Problem) error {
	if len(ps) == 0 {
		return nil
	}
	const show = 10
	lines := make([]string, 0, show)
	for _, p := range ps[:min(len(ps), show)] {
		lines = append(lines, p.String())
	}
	more := ""
	if len(ps) > show {
		more = fmt.Sprintf("; and %d more", len(ps)-show)
	}
	return fmt.Errorf("%w: %d problem(s): %s%s", ErrVerify, len(ps), strings.Join(lines, "; "), more)
}

// VerifyAll checks the whole archive: every manifest under runs/ is read, and every file it
// lists must exist inside the archive with the listed size, SHA-256 and Parquet row count.
// Parquet files in table directories that no manifest lists are orphans (warnings, or problems
// with Strict). Problems do not make an error: they are in the result (see Err). The error is
// for an archive that cannot be walked at all, or ctx ending.
func (a *Archive) VerifyAll(ctx context.Context, opts VerifyOptions) (*VerifyResult, error) {
	ms, bad, err := a.loadManifests()
	if err != nil {
		return nil, err
	}
	res := &VerifyResult{Manifests: len(ms), Problems: bad}
	listed := map[string]bool{}
	var prog VerifyProgress
	for _, m := range ms {
		for _, e := range m.Files {
			prog.Files++
			prog.Bytes += e.Bytes
		}
	}
	for _, m := range ms {
		for _, e := range m.Files {
			if err := ctx.Err(); err != nil {
				return res, fmt.Errorf("load: verify archive %s: %w", a.dir, err)
			}
			res.Files++
			res.Rows += e.Rows
			res.Bytes += e.Bytes
			if e.RolledBack {
				res.RolledBack++
			}
			listed[e.Path] = true
			if p := a.checkFile(m.RunID, e); p != nil {
				res.Problems = append(res.Problems, *p)
			}
			prog.FilesDone++
			prog.BytesDone += e.Bytes
			if opts.Progress != nil {
				opts.Progress(prog)
			}
		}
	}
	orphans, err := a.orphans(listed)
	if err != nil {
		return res, err
	}
	if opts.Strict {
		res.Problems = append(res.Problems, orphans...)
	} else {
		res.Warnings = orphans
	}
	return res, nil
}

// checkFile checks one listed file: a safe path, existence, size, SHA-256, Parquet row count.
func (a *Archive) checkFile(runID string, e FileEntry) *Problem {
	p := &Problem{RunID: runID, Path: e.Path}
	if _, err := fileDay(e); err != nil {
		p.Kind, p.Detail = ProblemBadPath, err.Error()
		return p
	}
	full := filepath.Join(a.dir, filepath.FromSlash(e.Path))
	size, sum, err := fileSHA256(full)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		p.Kind = ProblemMissing
		return p
	case err != nil:
		p.Kind, p.Detail = ProblemUnreadable, err.Error()
		return p
	case size != e.Bytes:
		p.Kind, p.Detail = ProblemChecksum, fmt.Sprintf("size %d bytes, manifest says %d", size, e.Bytes)
		return p
	case sum != e.SHA256:
		p.Kind, p.Detail = ProblemChecksum, fmt.Sprintf("sha256 %s, manifest says %s", sum, e.SHA256)
		return p
	}
	rows, err := parquetRows(full)
	switch {
	case err != nil:
		p.Kind, p.Detail = ProblemUnreadable, err.Error()
	case rows != e.Rows:
		p.Kind, p.Detail = ProblemRows, fmt.Sprintf("%d rows, manifest says %d", rows, e.Rows)
	default:
		return nil
	}
	return p
}

// loadManifests reads every runs/<run_id>/manifest.json, ordered by start time then run id (the
// order the runs loaded ClickHouse). A manifest that cannot be read is a problem, not an error.
func (a *Archive) loadManifests() ([]*Manifest, []Problem, error) {
	paths, err := filepath.Glob(filepath.Join(a.dir, "runs", "*", "manifest.json"))
	if err != nil {
		return nil, nil, fmt.Errorf("load: list manifests in %s: %w", a.dir, err)
	}
	var ms []*Manifest
	var bad []Problem
	for _, p := range paths {
		rel := filepath.ToSlash(strings.TrimPrefix(p, a.dir+string(filepath.Separator)))
		m, err := ReadManifest(p)
		if err != nil {
			bad = append(bad, Problem{RunID: filepath.Base(filepath.Dir(p)), Path: rel, Kind: ProblemManifest, Detail: err.Error()})
			continue
		}
		ms = append(ms, m)
	}
	slices.SortStableFunc(ms, func(x, y *Manifest) int {
		if c := x.Started.Compare(y.Started); c != 0 {
			return c
		}
		return strings.Compare(x.RunID, y.RunID)
	})
	return ms, bad, nil
}

// orphans lists the Parquet files below table directories that are not in listed. The runs/ and
// quarantine/ directories and temporary files (dot files) are not looked at.
func (a *Archive) orphans(listed map[string]bool) ([]Problem, error) {
	var out []Problem
	err := filepath.WalkDir(a.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(a.dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "runs" || rel == "quarantine" {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || !strings.HasSuffix(d.Name(), ".parquet") || listed[rel] {
			return nil
		}
		out = append(out, Problem{Path: rel, Kind: ProblemOrphan, Detail: "no manifest lists this file; it was never loaded"})
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("load: walk archive %s: %w", a.dir, err)
	}
	return out, nil
}

// fileDay checks that e.Path stays inside the archive as <table>/date=YYYY-MM-DD/<name>.parquet
// (a manifest is data, and could have been edited) and returns the day (midnight UTC).
func fileDay(e FileEntry) (time.Time, error) {
	if path.Clean(e.Path) != e.Path || !filepath.IsLocal(filepath.FromSlash(e.Path)) {
		return time.Time{}, fmt.Errorf("path %q is not inside the archive", e.Path)
	}
	parts := strings.Split(e.Path, "/")
	if len(parts) == 3 && parts[0] == e.Table && strings.HasPrefix(parts[1], "date=") && strings.HasSuffix(parts[2], ".parquet") {
		if day, err := time.Parse(time.DateOnly, strings.TrimPrefix(parts[1], "date=")); err == nil {
			return day, nil
		}
	}
	return time.Time{}, fmt.Errorf("path %q is not %s/date=YYYY-MM-DD/<run>-<seq>.parquet", e.Path, e.Table)
}
