package extract

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestWindowString(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	cases := []struct {
		name string
		w    Window
		want string
	}{
		{"zero", Window{}, ""},
		{"utc", Window{time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)},
			"2026-11-20T00:00:00Z/2026-11-21T00:00:00Z"},
		{"converted to utc", Window{time.Date(2026, 11, 19, 19, 0, 0, 0, ny), time.Date(2026, 11, 20, 19, 0, 0, 0, ny)},
			"2026-11-20T00:00:00Z/2026-11-21T00:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { require.Equal(t, c.want, c.w.String()) })
	}
	require.True(t, Window{}.IsZero())
	require.True(t, Window{}.Empty())
	now := time.Now()
	require.True(t, Window{now, now}.Empty())
	require.False(t, Window{now, now.Add(time.Minute)}.Empty())
}

func TestFetchError(t *testing.T) {
	w := Window{time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}
	cases := []struct {
		name string
		err  *FetchError
		want string
	}{
		{"offset and window", &FetchError{Source: "acme", Stream: "interactions", Window: w, Page: 2, Offset: 51, Err: context.Canceled},
			"fetch page n=51 of acme/interactions window 2026-11-20T00:00:00Z/2026-11-21T00:00:00Z: context canceled"},
		{"entity, no window", &FetchError{Source: "acme", Stream: "activities", Entity: "group=122", Page: 3, Err: ErrRepeatedPage},
			"fetch page 3 of acme/activities group=122: page repeats the previous page"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, c.want, c.err.Error())
			wrapped := fmt.Errorf("job: %w", c.err)
			var fe *FetchError
			require.True(t, errors.As(wrapped, &fe))
			require.ErrorIs(t, wrapped, c.err.Err)
		})
	}
	require.Equal(t, "dimension", Dimension.String())
	require.Equal(t, "incremental", Incremental.String())
}

type named string

func (n named) Name() string { return string(n) }

func TestFindStream(t *testing.T) {
	notFound := errors.New("x: unknown stream")
	streams := []named{"groups", "agents"}
	got, err := FindStream(notFound, "acme", streams, "agents")
	require.NoError(t, err)
	require.Equal(t, named("agents"), got)
	_, err = FindStream(notFound, "acme", streams, "calls")
	require.ErrorIs(t, err, notFound)
	require.EqualError(t, err, `x: unknown stream: "calls" (source acme has groups, agents)`)
}
