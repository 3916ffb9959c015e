// Package sandbox simulates the vendor APIs ccwh extracts from, on localhost, with deterministic
// synthetic data and injectable faults. It follows the specs in shared/specs/ (auth, paging,
// formats by suffix, date windows, error codes) so that extractors, the pipeline and demos run
// without vendor credentials. It is a test double for the vendors only.
//
// Mounted so far: the 8x8 Contact Center historical statistics API under /api/stats (vcc.go).
package sandbox

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"

	_ "time/tzdata" // tenant and tz= zones resolve on machines without a zoneinfo database

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/extract/httpx"
)

// Options size and shape the simulated tenant.
type Options struct {
	// Seed makes the synthetic data; equal (Seed, Scale, Epoch, TimeZone) serve equal data.
	Seed int64
	// Scale multiplies the data volume: 3×Scale groups, 10×Scale agents, 5×Scale queues, and one
	// interaction every 20min/Scale from Epoch on. Default 1.
	Scale int
	// Tenant and Token are the accepted Basic credentials. Defaults "acme" / "sandbox-token".
	Tenant, Token string
	// Epoch is when the data starts (nothing before it). Default 2026-01-01T00:00:00Z.
	Epoch time.Time
	// TimeZone is the tenant's zone: response timestamps carry its offset and dates without a
	// zone in d= are read in it (unless tz= says otherwise). Default America/Los_Angeles.
	TimeZone string
	// Now is the clock behind the relative dates today, today-1d, …; default time.Now.
	Now func() time.Time
}

// Defaults applied by New.
const (
	DefaultTenant   = "acme"
	DefaultToken    = "sandbox-token"
	DefaultTimeZone = "America/Los_Angeles"
)

// DefaultEpoch is when the synthetic data starts unless Options.Epoch says otherwise.
var DefaultEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Server serves the simulated APIs. It is safe for concurrent use.
type Server struct {
	opts   Options
	loc    *time.Location
	faults *Faults
	vcc    *vccData
	dixa   *dixaAPI
	mux    *http.ServeMux
}

// New builds the simulated tenant. It panics on an unknown Options.TimeZone (a programming error
// in a test or a flag that ListenAndServe checks first).
func New(o Options) *Server {
	s, err := newServer(o)
	if err != nil {
		panic(err)
	}
	return s
}

func newServer(o Options) (*Server, error) {
	if o.Scale <= 0 {
		o.Scale = 1
	}
	if o.Tenant == "" {
		o.Tenant = DefaultTenant
	}
	if o.Token == "" {
		o.Token = DefaultToken
	}
	if o.Epoch.IsZero() {
		o.Epoch = DefaultEpoch
	}
	if o.TimeZone == "" {
		o.TimeZone = DefaultTimeZone
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	loc, err := time.LoadLocation(o.TimeZone)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: o, loc: loc, faults: &Faults{}}
	s.vcc = newVCCData(o, loc)
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("/api/stats/", s.serveVCC)
	s.mux.HandleFunc("/api/rtstats/", s.serveVCCRT)     // 8x8 real-time statistics (vccrt.go)
	s.mux.HandleFunc("/api/recordings/", s.serveVCCRec) // 8x8 recordings and transcripts (vccrec.go)
	s.mux.Handle("/dixa/", s.dixaHandler())
	s.mux.Handle("/cpaas/", http.StripPrefix("/cpaas", newCPaaS(s)))
	s.mux.Handle("/vcc-chat/", http.StripPrefix("/vcc-chat", newVCCChat(s)))
	s.mux.Handle("/chatwoot/", http.StripPrefix("/chatwoot", newChatwoot(s)))
	return s, nil
}

// Handler serves every simulated API, faults applied first.
func (s *Server) Handler() http.Handler { return s.faults.wrap(s.mux) }

// Faults returns the server's fault injector.
func (s *Server) Faults() *Faults { return s.faults }

// ListenAndServe serves the sandbox on addr until ctx is done (`ccwh sandbox`). It logs the
// address it listens on, and each request at debug level with its URL redacted.
func ListenAndServe(ctx context.Context, addr string, o Options, log zerolog.Logger) error {
	s, err := newServer(o)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: logRequests(s.Handler(), log), ReadHeaderTimeout: 10 * time.Second}
	log.Info().Str("addr", ln.Addr().String()).Str("tenant", s.opts.Tenant).Int64("seed", s.opts.Seed).
		Int("scale", s.opts.Scale).Time("epoch", s.opts.Epoch).Msg("sandbox listening")
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	err = srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		<-done
		return nil
	}
	return err
}

func logRequests(next http.Handler, log zerolog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		log.Debug().Str("method", r.Method).Str("url", httpx.Redact(r.URL.RequestURI())).Int("status", sw.status).
			Dur("took", time.Since(start)).Msg("sandbox request")
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach Hijack and Flush of the real writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
