package vcc

import (
	"context"
	"fmt"
	"net/url"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// Fan-out: many 8x8 endpoints exist only per group, agent, queue, channel or campaign. A fan-out
// stream first lists the entities' ids from their dimension endpoint (paged like any stream,
// failures are FetchErrors with Entity "<kind> list"), then pages through every entity's
// endpoint, at most Config.Concurrency entities at a time, over the source's one client (and so
// its one rate limit). Pages carry Entity "<kind>=<id>" and reach emit one at a time. The first
// failure cancels the other entities and is returned; the runner rolls the window back, so a
// re-run re-reads every entity.

// dimension is an entity kind a stream can fan out over.
type dimension struct {
	kind  string        // agent, group, queue, channel, campaign
	path  string        // list endpoint
	table *schema.Table // its record shape
	field string        // id field
}

var (
	groupsDim    = dimension{"group", "/groups", schema.VCCGroups, "group-id"}
	agentsDim    = dimension{"agent", "/agents", schema.VCCAgents, "agent-id"}
	queuesDim    = dimension{"queue", "/queues", schema.VCCQueues, "queue-id"}
	channelsDim  = dimension{"channel", "/channels", schema.VCCChannels, "channel-id"}
	campaignsDim = dimension{"campaign", "/campaigns", schema.VCCCampaigns, "campaign-id"}
)

// fanOutSpec describes a fan-out stream: over which dimensions, which sub-resource.
type fanOutSpec struct {
	dims   []dimension
	sub    string // below /<kind>s/<id>, e.g. "activities", "statuses/statistics"
	single bool   // one page per entity, no n=
	tag    bool   // add entity-type / entity-id to every record (entity.go)
}

func newFanOut(s *Source, name string, table *schema.Table, mode extract.Mode, fs fanOutSpec) *Stream {
	st := &Stream{src: s, name: name, table: table, mode: mode}
	st.fetch = func(ctx context.Context, w extract.Window, emit extract.Emit) error {
		var specs []pageSpec
		for _, d := range fs.dims {
			ids, err := s.listIDs(ctx, st, d)
			if err != nil {
				return err
			}
			for _, id := range ids {
				ps := pageSpec{stream: st, path: "/" + d.kind + "s/" + url.PathEscape(id) + "/" + fs.sub,
					entity: d.kind + "=" + id, window: w, single: fs.single}
				if fs.tag {
					ps.tag = newEntityTag(d.kind, id)
				}
				specs = append(specs, ps)
			}
		}
		return s.fanOut(ctx, specs, emit)
	}
	return st
}

// groupFanOut is the common case: an event endpoint per group.
func groupFanOut(s *Source, name string, table *schema.Table, sub string) *Stream {
	return newFanOut(s, name, table, extract.Incremental, fanOutSpec{dims: []dimension{groupsDim}, sub: sub})
}

// fanOut pages through every spec, at most Config.Concurrency at a time, serialising emit.
func (s *Source) fanOut(ctx context.Context, specs []pageSpec, emit extract.Emit) error {
	var mu sync.Mutex
	serial := func(ctx context.Context, p *extract.Page) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return emit(ctx, p)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(s.cfg.Concurrency)
	for _, ps := range specs {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error { return s.pages(gctx, ps, serial) })
	}
	return g.Wait()
}

// listIDs pages through a dimension's list endpoint and returns the distinct ids in order.
func (s *Source) listIDs(ctx context.Context, st *Stream, d dimension) ([]string, error) {
	var ids []string
	seen := map[string]bool{}
	scan := func(_ context.Context, p *extract.Page) (int, error) {
		got, records, err := scanField(p.Format, p.Body, d.table.Root, d.table.Record, d.field)
		if err != nil {
			return 0, fmt.Errorf("read %s ids: %w", d.kind, err)
		}
		for _, id := range got {
			if id != "" && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		return records, nil
	}
	if err := s.pages(ctx, pageSpec{stream: st, path: d.path, entity: d.kind + " list"}, scan); err != nil {
		return nil, err
	}
	return ids, nil
}
