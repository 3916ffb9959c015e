package jobs

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

const (
	// maxInsertRows commits a table's INSERT once it holds this many rows: about the part size
	// the server squashes an INSERT's blocks into, so larger INSERTs gain nothing.
	maxInsertRows = 1_000_000
	// idleCommit commits the open INSERT when no batch came for this long, so that a slow
	// extractor does not hold an INSERT (and its connection) open between pages.
	idleCommit = 5 * time.Second
)

// batch is one flushed record on its way to the archive and to ClickHouse.
type batch struct {
	table *schema.Table
	rec   arrow.Record
	seq   int
	day   time.Time      // the archive partition
	entry load.FileEntry // its Parquet file, once archived
}

// pipeline archives and inserts a window's batches in the background, in two stages that
// overlap with decoding: while batch n+1 decodes, batch n is written to Parquet and batch n-1 is
// sent to ClickHouse, which on two cores keeps both busy. Batches pass both stages in order, and
// a batch is sent only after its Parquet file is durable. Hand-offs are unbuffered, so at most
// one batch is being archived and one sent while the builder fills the next: memory stays
// bounded by a few batches, whatever the window's size.
//
// Consecutive batches of a table go through one INSERT (load.InsertStream), committed when the
// pipeline finishes, when it holds maxInsertRows rows, when a batch of another table comes (one
// open INSERT, so one connection, per window) or when no batch came for idleCommit. The first
// error stops the pipeline: later batches are dropped, and the error surfaces at the next flush
// or at finish.
type pipeline struct {
	wl        *windowLoad
	toArchive chan *batch
	toInsert  chan *batch
	done      chan struct{}

	mu  sync.Mutex
	err error

	// Used by the insert stage only, then by finish.
	streams map[*schema.Table]*load.InsertStream
	open    *load.InsertStream // the stream with an open INSERT, nil when none
}

func newPipeline(wl *windowLoad) *pipeline {
	p := &pipeline{wl: wl, toArchive: make(chan *batch), toInsert: make(chan *batch), done: make(chan struct{}),
		streams: map[*schema.Table]*load.InsertStream{}}
	go p.archiveStage()
	go p.insertStage()
	return p
}

// put hands a batch to the pipeline, which releases its record; it blocks while the archive
// stage is busy and returns the pipeline's error, if any.
func (p *pipeline) put(b *batch) error {
	if err := p.error(); err != nil {
		b.rec.Release()
		return err
	}
	p.toArchive <- b
	return nil
}

// finish waits for every batch handed in, commits the open INSERT and returns the first error.
// The open INSERT is committed even after an error (it holds only archived batches): abandoning
// it would close its connection, and ClickHouse 18.16 may then still commit the blocks it
// received, after the window's rollback deleted its rows. Rows acknowledged by ClickHouse are
// added to the window's result, even when it failed.
func (p *pipeline) finish() error {
	close(p.toArchive)
	<-p.done
	if p.open != nil {
		p.fail(p.commit())
	}
	tables := make([]*schema.Table, 0, len(p.streams))
	for t, s := range p.streams {
		s.Abort() // no-op after a commit
		tables = append(tables, t)
	}
	slices.SortFunc(tables, func(a, b *schema.Table) int { return strings.Compare(a.Name, b.Name) })
	for _, t := range tables {
		if n := p.streams[t].Committed(); n > 0 {
			p.wl.res.Rows += n
			p.wl.res.RowsByTable[t.Name] += n
		}
	}
	return p.error()
}

func (p *pipeline) error() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// fail records err (nil is ignored) unless an error came first.
func (p *pipeline) fail(err error) {
	if err == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err == nil {
		p.err = err
	}
}

// archiveStage writes each batch's Parquet file, fsynced, and adds it to the run's manifest.
func (p *pipeline) archiveStage() {
	defer close(p.toInsert)
	wl := p.wl
	for b := range p.toArchive {
		if p.error() != nil {
			b.rec.Release()
			continue
		}
		entry, err := wl.r.archive.WriteBatch(b.table, wl.ru.id, b.seq, b.day, b.rec)
		if err != nil {
			err = fmt.Errorf("archive batch %d of %s: %w", b.seq, b.table.Name, err)
		} else if err = wl.ru.manifest.Add(entry); err != nil {
			err = fmt.Errorf("manifest of run %s: %w", wl.ru.id, err)
		}
		if err != nil {
			p.fail(err)
			b.rec.Release()
			continue
		}
		wl.res.Files = append(wl.res.Files, entry) // read only after finish
		crashPoint(crashAfterArchive)
		b.entry = entry
		p.toInsert <- b
	}
}

// insertStage sends each archived batch to ClickHouse.
func (p *pipeline) insertStage() {
	defer close(p.done)
	idle := time.NewTimer(idleCommit)
	defer idle.Stop()
	for {
		select {
		case b, ok := <-p.toInsert:
			if !ok {
				return
			}
			if p.error() == nil {
				p.fail(p.insert(b))
			}
			b.rec.Release()
			idle.Reset(idleCommit)
		case <-idle.C:
			if p.error() == nil && p.open != nil {
				p.fail(p.commit())
			}
		}
	}
}

// insert writes b into its table's INSERT, first committing another table's open one.
func (p *pipeline) insert(b *batch) error {
	wl := p.wl
	s, ok := p.streams[b.table]
	if !ok {
		s = wl.r.ch.NewInsertStream(b.table)
		p.streams[b.table] = s
	}
	if p.open != nil && p.open != s {
		if err := p.commit(); err != nil {
			return err
		}
	}
	if !slices.Contains(wl.inserted, b.table) {
		wl.inserted = append(wl.inserted, b.table) // read only after finish
	}
	token := fmt.Sprintf("%s:%s:%s:%d:%s", wl.res.Source, wl.res.Stream, windowLabel(wl.w), b.seq, wl.ru.id)
	path := filepath.Join(wl.r.archive.Dir(), filepath.FromSlash(b.entry.Path))
	table, mem := b.table, wl.r.mem
	replay := func() (arrow.Record, error) { return load.ReadParquet(mem, path, table) }
	if err := s.Write(wl.ctx, b.rec, token, replay); err != nil {
		return fmt.Errorf("insert batch %d (%d rows) into %s: %w", b.seq, b.rec.NumRows(), b.table.Name, err)
	}
	// The batch is sent; its INSERT may still be open.
	crashPoint(crashAfterInsert)
	p.open = s
	if !s.Open() {
		p.open = nil // cluster mode with inserts to the shards: already committed
	}
	if s.Rows() >= maxInsertRows {
		return p.commit()
	}
	return nil
}

// commit ends the open INSERT.
func (p *pipeline) commit() error {
	s := p.open
	p.open = nil
	if err := s.Commit(); err != nil {
		return fmt.Errorf("insert into %s: %w", s.Table().Name, err)
	}
	return nil
}
