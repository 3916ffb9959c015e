package jobs

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

// Crash points for the crash test harness. CCWH_CRASH_AT=<point>:<n> makes the process kill
// itself with SIGKILL the n-th time it reaches the point, as a power cut would. Unset, a point
// costs one atomic load.
const (
	crashAfterPage      = "page"      // a page was decoded into the builder
	crashAfterArchive   = "archived"  // a batch's Parquet file is durable, not yet inserted
	crashAfterInsert    = "inserted"  // a batch was inserted
	crashBeforeAdvance  = "watermark" // every batch of a window is in, the watermark not yet moved
	crashAfterWatermark = "advanced"  // the watermark moved
)

var crashAt = sync.OnceValues(func() (string, int64) {
	point, n, ok := strings.Cut(os.Getenv("CCWH_CRASH_AT"), ":")
	if !ok {
		return "", 0
	}
	count, err := strconv.ParseInt(n, 10, 64)
	if err != nil || count < 1 {
		return "", 0
	}
	return point, count
})

var crashHits atomic.Int64

func crashPoint(name string) {
	point, n := crashAt()
	if point != name {
		return
	}
	if crashHits.Add(1) == n {
		_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // never returns
	}
}
