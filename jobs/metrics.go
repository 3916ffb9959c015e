package jobs

import (
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the daemon's Prometheus metrics. A nil *Metrics records nothing.
type Metrics struct {
	runs        *prometheus.CounterVec
	rows        *prometheus.CounterVec
	bytes       *prometheus.CounterVec
	retries     *prometheus.CounterVec
	requests    *prometheus.CounterVec
	pageLatency *prometheus.HistogramVec
	windowDur   *prometheus.HistogramVec
	lastSuccess *prometheus.GaugeVec
	watermarks  *watermarkCollector
	retention   *retentionMetrics // retention_metrics.go
}

// NewMetrics registers ccwh's metrics with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccwh_window_runs_total",
			Help: "Stream windows run, by outcome (succeeded, failed)."}, []string{"source", "stream", "status"}),
		rows: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccwh_rows_loaded_total",
			Help: "Rows loaded into ClickHouse, by table."}, []string{"table"}),
		bytes: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccwh_fetched_bytes_total",
			Help: "Raw page bytes fetched from the vendor, by table."}, []string{"source", "table"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccwh_http_retries_total",
			Help: "HTTP retries spent on pages."}, []string{"source"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccwh_http_requests_total",
			Help: "HTTP attempts by status code (0: no response); code 429 counts rate limiting."}, []string{"source", "code"}),
		pageLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "ccwh_http_request_duration_seconds",
			Help: "Duration of one HTTP attempt including its body.", Buckets: prometheus.ExponentialBuckets(0.01, 2.5, 10)}, []string{"source"}),
		windowDur: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "ccwh_window_duration_seconds",
			Help: "Duration of one stream window run.", Buckets: prometheus.ExponentialBuckets(0.1, 3, 10)}, []string{"source", "stream"}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "ccwh_last_success_timestamp_seconds",
			Help: "When a window of the stream last succeeded (Unix time)."}, []string{"source", "stream"}),
		watermarks: &watermarkCollector{now: time.Now, wms: map[[2]string]time.Time{}},
	}
	reg.MustRegister(m.runs, m.rows, m.bytes, m.retries, m.requests, m.pageLatency, m.windowDur, m.lastSuccess, m.watermarks)
	m.retention = newRetentionMetrics(reg)
	return m
}

func (m *Metrics) observeWindow(res WindowResult, finished time.Time) {
	if m == nil {
		return
	}
	status := "succeeded"
	if res.Err != nil {
		status = "failed"
	}
	m.runs.WithLabelValues(res.Source, res.Stream, status).Inc()
	m.bytes.WithLabelValues(res.Source, res.Table).Add(float64(res.Bytes))
	m.retries.WithLabelValues(res.Source).Add(float64(res.Retries))
	m.windowDur.WithLabelValues(res.Source, res.Stream).Observe(res.Duration.Seconds())
	if res.Err == nil {
		m.rows.WithLabelValues(res.Table).Add(float64(res.Rows))
		m.lastSuccess.WithLabelValues(res.Source, res.Stream).Set(float64(finished.Unix()))
	}
}

func (m *Metrics) observeWatermark(source, stream string, wm time.Time) {
	if m == nil || wm.IsZero() {
		return
	}
	m.watermarks.set(source, stream, wm)
}

var (
	watermarkDesc = prometheus.NewDesc("ccwh_watermark_timestamp_seconds",
		"The stream's watermark: everything before it is loaded (Unix time).", []string{"source", "stream"}, nil)
	lagDesc = prometheus.NewDesc("ccwh_watermark_lag_seconds",
		"How far the stream's watermark is behind now, at scrape time.", []string{"source", "stream"}, nil)
)

// watermarkCollector reports each stream's watermark and its lag behind now when scraped, so the
// lag grows between runs instead of freezing at its value after the last one.
type watermarkCollector struct {
	mu  sync.Mutex
	now func() time.Time
	wms map[[2]string]time.Time
}

func (c *watermarkCollector) set(source, stream string, wm time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if wm.After(c.wms[[2]string{source, stream}]) {
		c.wms[[2]string{source, stream}] = wm
	}
}

func (c *watermarkCollector) Describe(ch chan<- *prometheus.Desc) { ch <- watermarkDesc; ch <- lagDesc }

func (c *watermarkCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	for k, wm := range c.wms {
		ch <- prometheus.MustNewConstMetric(watermarkDesc, prometheus.GaugeValue, float64(wm.Unix()), k[0], k[1])
		ch <- prometheus.MustNewConstMetric(lagDesc, prometheus.GaugeValue, now.Sub(wm).Seconds(), k[0], k[1])
	}
}

// httpObserver feeds the HTTP metrics of one source; nil when there are no metrics.
func (m *Metrics) httpObserver(source string) func(int, time.Duration) {
	if m == nil {
		return nil
	}
	lat := m.pageLatency.WithLabelValues(source)
	return func(status int, d time.Duration) {
		lat.Observe(d.Seconds())
		m.requests.WithLabelValues(source, strconv.Itoa(status)).Inc()
	}
}
