package jobs

import (
	"github.com/prometheus/client_golang/prometheus"
)

// retentionMetrics are the retention job's Prometheus metrics.
type retentionMetrics struct {
	runs        *prometheus.CounterVec
	rowsDeleted *prometheus.CounterVec
	rowsHeld    *prometheus.GaugeVec
	partitions  *prometheus.CounterVec
	files       *prometheus.CounterVec
	lastSuccess prometheus.Gauge
}

func newRetentionMetrics(reg prometheus.Registerer) *retentionMetrics {
	m := &retentionMetrics{
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccwh_retention_runs_total",
			Help: "Retention runs, by outcome (succeeded, failed); dry runs are not counted."}, []string{"status"}),
		rowsDeleted: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccwh_retention_rows_deleted_total",
			Help: "Expired rows removed from ClickHouse by the retention job, by table."}, []string{"table"}),
		rowsHeld: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "ccwh_retention_rows_held",
			Help: "Expired rows kept because a legal hold covers them, at the last retention run, by table."}, []string{"table"}),
		partitions: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccwh_retention_partitions_dropped_total",
			Help: "Expired partitions dropped by the retention job, by table."}, []string{"table"}),
		files: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccwh_retention_archive_files_removed_total",
			Help: "Expired Parquet files removed from the archive, by table."}, []string{"table"}),
		lastSuccess: prometheus.NewGauge(prometheus.GaugeOpts{Name: "ccwh_retention_last_success_timestamp_seconds",
			Help: "When a retention run last succeeded for every table (Unix time)."}),
	}
	reg.MustRegister(m.runs, m.rowsDeleted, m.rowsHeld, m.partitions, m.files, m.lastSuccess)
	return m
}

// observeRetention records a finished retention run; dry runs and nil metrics record nothing.
func (m *Metrics) observeRetention(rep *RetentionReport) {
	if m == nil || m.retention == nil || rep.DryRun {
		return
	}
	rm := m.retention
	for _, t := range rep.Tables {
		rm.rowsDeleted.WithLabelValues(t.Table).Add(float64(t.RowsDeleted))
		rm.rowsHeld.WithLabelValues(t.Table).Set(float64(t.RowsHeld))
		rm.partitions.WithLabelValues(t.Table).Add(float64(t.PartitionsDropped))
		rm.files.WithLabelValues(t.Table).Add(float64(t.ArchiveFilesRemoved))
	}
	if rep.Err != nil || len(rep.Failed()) > 0 {
		rm.runs.WithLabelValues("failed").Inc()
		return
	}
	rm.runs.WithLabelValues("succeeded").Inc()
	rm.lastSuccess.Set(float64(rep.Started.Unix()))
}

// retentionFailed counts a retention run that ended before it had a report (a panic, no
// holds readable).
func (m *Metrics) retentionFailed() {
	if m == nil || m.retention == nil {
		return
	}
	m.retention.runs.WithLabelValues("failed").Inc()
}
