package jobs

import (
	"context"
	"crypto/subtle"
	_ "embed"
	"fmt"
	"html/template"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/ccwh/ccwh/schema"
)

// OpsHandler serves the operations surface: /healthz (the process lives), /readyz (ClickHouse
// answers and the schema is current), /metrics (Prometheus) and / (the status page). With a
// token, everything but /healthz requires it as a bearer token.
func OpsHandler(runner func() *Runner, gatherer prometheus.Gatherer, token Secret) http.Handler {
	mux := http.NewServeMux()
	health := func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") }
	mux.HandleFunc("GET /healthz", health)
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(req.Context(), 5*time.Second)
		defer cancel()
		if err := runner().Ready(ctx); err != nil {
			http.Error(w, "not ready: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(gatherer, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(req.Context(), 10*time.Second)
		defer cancel()
		r := runner()
		page := statusPage{Now: r.now().UTC(), Version: Version}
		var err error
		if page.Streams, err = r.Status(ctx); err == nil {
			page.Failures, err = r.RecentFailures(ctx, 20)
		}
		if err != nil {
			page.Error = err.Error()
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = statusTemplate.Execute(w, page)
	})
	if token == "" {
		return mux
	}
	want := []byte("Bearer " + token.Reveal())
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path == "/healthz" {
			health(w, req)
			return
		}
		if subtle.ConstantTimeCompare([]byte(req.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="ccwh"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		mux.ServeHTTP(w, req)
	})
}

// Ready checks that ClickHouse answers and carries the schema version this build needs.
func (r *Runner) Ready(ctx context.Context) error {
	if err := r.ch.Ping(ctx); err != nil {
		return err
	}
	var v uint64
	q := fmt.Sprintf("SELECT max(version) FROM %s.%s", schema.Quote(r.ch.Database()), schema.Quote(schema.SchemaVersions.Name))
	if err := r.ch.QueryRow(ctx, q).Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v != schema.Version {
		return fmt.Errorf("schema version is %d, this ccwh needs %d: run ccwh migrate", v, schema.Version)
	}
	return nil
}

type statusPage struct {
	Now      time.Time
	Version  string
	Streams  []StreamStatus
	Failures []Failure
	Error    string
}

//go:embed status.html
var statusHTML string

var statusTemplate = template.Must(template.New("status").Funcs(template.FuncMap{
	"ts": func(t time.Time) string {
		if t.IsZero() || t.Unix() <= 0 {
			return "—"
		}
		return t.UTC().Format("2006-01-02 15:04:05Z")
	},
	"dur": func(d time.Duration) string {
		if d <= 0 {
			return "—"
		}
		if d > time.Minute {
			d = d.Round(time.Second)
		} else {
			d = d.Round(time.Millisecond)
		}
		return d.String()
	},
}).Parse(statusHTML))
