package vcc_test

import (
	"context"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/extract/vcc"
	"github.com/ccwh/ccwh/schema"
)

func TestActivitiesFanOut(t *testing.T) {
	cases := []struct {
		name        string
		concurrency int
		format      schema.Format
	}{
		{"one at a time", 1, schema.XML},
		{"three", 3, schema.JSON},
		{"more workers than groups", 64, schema.CSV},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, 4) // 12 groups, 4 of them deleted
			e.delay = 5 * time.Millisecond
			st, err := e.source(t, vcc.Config{Concurrency: c.concurrency, Format: c.format}, fastHTTP()).Stream("activities")
			require.NoError(t, err)
			col := newCollector("transaction_id")
			col.hold = time.Millisecond
			w := extract.Window{From: day(5), To: day(6)}
			require.NoError(t, st.Fetch(context.Background(), w, col.emit))

			require.Equal(t, e.sb.VCCCounts(w)[schema.VCCActivities.Name], col.records)
			require.Len(t, col.keys, col.records)
			require.Equal(t, int32(1), col.maxInEmit.Load(), "emit is never called concurrently")
			limit := int32(min(c.concurrency, len(e.sb.VCCGroupIDs())))
			require.LessOrEqual(t, e.maxIn.Load(), limit, "requests in flight")
			if c.concurrency > 1 {
				require.Greater(t, e.maxIn.Load(), int32(1), "the fan-out runs in parallel")
			}

			// Every group, deleted ones included, was asked once for its first page.
			var entities []string
			for _, p := range col.pages {
				if p.Number == 1 {
					entities = append(entities, p.Entity)
				}
			}
			var want []string
			for _, id := range e.sb.VCCGroupIDs() {
				want = append(want, "group="+strconv.Itoa(id))
			}
			sort.Strings(entities)
			sort.Strings(want)
			require.Equal(t, want, entities)
		})
	}
}

func TestActivitiesGroupListFails(t *testing.T) {
	cases := []struct {
		name  string
		fault sandbox.Fault
		want  string
	}{
		{"server error", sandbox.Fault{Status: 500}, "HTTP 500"},
		{"malformed list", sandbox.Fault{Malformed: true}, "read group ids"},
		{"truncated list", sandbox.Fault{Truncate: true}, "read group ids"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, 1)
			e.sb.Faults().Inject("/api/stats/groups", c.fault)
			ho := fastHTTP()
			ho.MaxRetries = -1
			st, err := e.source(t, vcc.Config{}, ho).Stream("activities")
			require.NoError(t, err)
			col := newCollector("transaction_id")
			err = st.Fetch(context.Background(), window3, col.emit)
			var fe *extract.FetchError
			require.ErrorAs(t, err, &fe)
			require.Equal(t, "activities", fe.Stream)
			require.Equal(t, "group list", fe.Entity)
			require.Contains(t, fe.Request, "/api/stats/groups.xml")
			require.ErrorContains(t, err, c.want)
			require.Empty(t, col.pages)
		})
	}
}

// TestActivitiesFirstFailureStopsTheRest: a group whose pages fail cancels the fan-out.
func TestActivitiesFirstFailureStopsTheRest(t *testing.T) {
	e := newEnv(t, 10) // 30 groups
	ids := e.sb.VCCGroupIDs()
	e.sb.Faults().Inject("/api/stats/groups/"+strconv.Itoa(ids[0])+"/", sandbox.Fault{Status: 404})
	e.delay = 10 * time.Millisecond
	st, err := e.source(t, vcc.Config{Concurrency: 2}, fastHTTP()).Stream("activities")
	require.NoError(t, err)
	err = st.Fetch(context.Background(), window3, newCollector("transaction_id").emit)
	var fe *extract.FetchError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "group="+strconv.Itoa(ids[0]), fe.Entity)
	require.Equal(t, 404, fe.Status)
	require.Less(t, e.requestCount("/api/stats/groups/"), len(ids), "the remaining groups were not fetched")
}
