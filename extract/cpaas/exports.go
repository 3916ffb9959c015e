package cpaas

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

// Export job statuses (spec Appendix B: GET …/messages/exports/{jobId}).
const (
	StatusQueued    = "queued"
	StatusRunning   = "running"
	StatusSucceeded = "succeeded"
	StatusFailed    = "failed"
	StatusCancelled = "cancelled"
	StatusEmpty     = "empty"
	StatusError     = "error"
)

// exportRequest is the body of POST …/messages/exports (§3.1); every field is optional.
type exportRequest struct {
	From        string   `json:"from"`
	To          string   `json:"to"`
	PhoneNumber string   `json:"phoneNumber,omitempty"`
	Countries   []string `json:"countries,omitempty"`
	Limit       int      `json:"limit"`
}

// JobStatus is the answer of GET …/messages/exports/{jobId}.
type JobStatus struct {
	JobID   string
	Status  string   // lower case
	Data    []string // file links (succeeded)
	Expires time.Time
}

// ParseJobStatus decodes a job status body. data may list the links as strings or as objects
// with a url/link/href field; status is compared case-insensitively; expires takes the 8x8
// timestamp forms (1–7 fractional digits, Z or an offset).
func ParseJobStatus(body []byte) (JobStatus, error) {
	var raw struct {
		JobID   string            `json:"jobId"`
		Status  string            `json:"status"`
		Data    []json.RawMessage `json:"data"`
		Expires string            `json:"expires"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return JobStatus{}, fmt.Errorf("%w: job status: %v", ErrBadResponse, err)
	}
	if raw.Status == "" {
		return JobStatus{}, fmt.Errorf("%w: job status has no status", ErrBadResponse)
	}
	js := JobStatus{JobID: raw.JobID, Status: strings.ToLower(strings.TrimSpace(raw.Status))}
	for i, d := range raw.Data {
		var link string
		if json.Unmarshal(d, &link) != nil {
			var obj struct{ URL, Link, Href string }
			if json.Unmarshal(d, &obj) != nil {
				return JobStatus{}, fmt.Errorf("%w: job status data[%d] is neither a link nor an object with url", ErrBadResponse, i)
			}
			link = firstNonEmpty(obj.URL, obj.Link, obj.Href)
		}
		if link == "" {
			return JobStatus{}, fmt.Errorf("%w: job status data[%d] is empty", ErrBadResponse, i)
		}
		js.Data = append(js.Data, link)
	}
	if raw.Expires != "" {
		t, err := ParseTime(raw.Expires)
		if err != nil {
			return JobStatus{}, fmt.Errorf("%w: job status expires: %v", ErrBadResponse, err)
		}
		js.Expires = t
	}
	return js, nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// ParseTime reads the CPaaS timestamp forms: RFC 3339 with 0–7 fractional digits and Z or an
// offset (2021-06-30T03:20:39.3857479Z, 2017-04-19T02:31:19.4297387+00:00), and the same
// without a zone (read as UTC, like the doc's "2020-07-01T13:00:00 (UTC Time)").
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("timestamp %q is not ISO 8601", s)
}

// job follows one export job through its life.
type job struct {
	st       *Stream
	fam      family
	base     string // host + /api/v1/subaccounts/{sub}/messages/exports
	id       string
	window   extract.Window
	started  time.Time
	finished time.Time
	polls    int
	status   JobStatus
	rows     int
	pages    int
}

func (j *job) url() string { return j.base + "/" + url.PathEscape(j.id) }

// export runs one export job for window w and loads its files.
func (s *Source) export(ctx context.Context, st *Stream, f family, w extract.Window, emit extract.Emit) (err error) {
	j := &job{st: st, fam: f, window: w, started: s.now().UTC(),
		base: f.host(&s.cfg) + "/api/v1/subaccounts/" + url.PathEscape(s.cfg.SubAccountID) + "/messages/exports"}
	fail := func(req string, status int, err error) error {
		entity := ""
		if j.id != "" {
			entity = "job=" + j.id
		}
		return &extract.FetchError{Source: s.cfg.Source, Stream: st.name, Entity: entity, Window: w,
			Page: j.pages + 1, Request: req, Status: status, Err: err}
	}
	body, _ := json.Marshal(exportRequest{
		From: w.From.UTC().Format(time.RFC3339), To: w.To.UTC().Format(time.RFC3339),
		PhoneNumber: s.cfg.PhoneNumber, Countries: s.cfg.Countries, Limit: s.cfg.Limit,
	})
	hdr := s.header.Clone()
	hdr.Set("Content-Type", "application/json")
	resp, err := s.client.Post(ctx, j.base, hdr, body)
	if err != nil {
		return fail("POST "+httpx.Redact(j.base), resp.Status, fmt.Errorf("start export job: %w", explain(err)))
	}
	var started struct {
		JobID string `json:"jobId"`
	}
	if err := json.Unmarshal(resp.Body, &started); err != nil || started.JobID == "" {
		return fail("POST "+httpx.Redact(j.base), resp.Status, fmt.Errorf("%w: start export job answered %.200q", ErrBadResponse, resp.Body))
	}
	j.id = started.JobID
	log := s.log.With().Str(extract.LogStream, st.name).Str(extract.LogWindow, w.String()).Str("job", j.id).Logger()
	log.Debug().Msg("export job started")

	// From here on a job exists upstream: whatever ends this run early cancels it.
	final := false
	defer func() {
		if final {
			return
		}
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
		defer cancel()
		if _, derr := s.client.Delete(cctx, j.url(), s.header); derr != nil {
			log.Warn().Err(explain(derr)).Msg("could not cancel the export job")
			err = fmt.Errorf("%w; cancelling export job %s also failed: %v", err, j.id, explain(derr))
			return
		}
		log.Info().Msg("export job cancelled")
	}()

	if err := s.poll(ctx, j); err != nil {
		return fail("GET "+httpx.Redact(j.url()), 0, err)
	}
	final = true
	switch j.status.Status {
	case StatusSucceeded:
	case StatusEmpty:
		j.status.Data = nil
	default: // failed, cancelled, error: the job's row still records the attempt
		if err := s.emitJob(ctx, j, emit); err != nil {
			log.Warn().Err(err).Msg("could not record the failed export job")
		}
		return fail("GET "+httpx.Redact(j.url()), 0, fmt.Errorf("%w: export job %s ended %q", ErrJobFailed, j.id, j.status.Status))
	}
	for i, link := range j.status.Data {
		if err := s.download(ctx, j, i, link, emit); err != nil {
			return fail("GET "+httpx.Redact(link), 0, fmt.Errorf("export job %s file %d of %d: %w", j.id, i+1, len(j.status.Data), err))
		}
	}
	if err := s.emitJob(ctx, j, emit); err != nil {
		return fail("", 0, err)
	}
	log.Debug().Int(extract.LogRows, j.rows).Int("files", len(j.status.Data)).Int("polls", j.polls).Msg("export job loaded")
	return nil
}

// poll asks for the job's status until it is final, waiting PollInterval, doubling up to
// MaxPollInterval, for at most ExportTimeout from the job's start.
func (s *Source) poll(ctx context.Context, j *job) error {
	deadline := time.NewTimer(s.cfg.ExportTimeout - s.now().Sub(j.started))
	defer deadline.Stop()
	wait := s.cfg.PollInterval
	for {
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-deadline.C:
			timer.Stop()
			return fmt.Errorf("%w: export job %s still %q after %s", ErrJobTimeout, j.id, j.status.Status, s.cfg.ExportTimeout)
		case <-timer.C:
		}
		j.polls++
		resp, err := s.client.Get(ctx, j.url(), s.header)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("export job %s status: %w", j.id, explain(err))
		}
		js, err := ParseJobStatus(resp.Body)
		if err != nil {
			return fmt.Errorf("export job %s: %w", j.id, err)
		}
		j.status = js
		switch js.Status {
		case StatusQueued, StatusRunning:
		case StatusSucceeded, StatusEmpty, StatusFailed, StatusCancelled, StatusError:
			j.finished = s.now().UTC()
			return nil
		default: // an unknown state: keep waiting, the deadline bounds it
			s.log.Warn().Str("job", j.id).Str("status", js.Status).Msg("unknown export job status; still waiting")
		}
		if wait *= 2; wait > s.cfg.MaxPollInterval {
			wait = s.cfg.MaxPollInterval
		}
	}
}

// emitJob hands the job's record to the pipeline (table cpaas_export_jobs).
func (s *Source) emitJob(ctx context.Context, j *job, emit extract.Emit) error {
	rec := map[string]any{
		"jobId": j.id, "family": j.fam.name, "subAccountId": s.cfg.SubAccountID,
		"windowFrom": j.window.From.UTC().Format(time.RFC3339), "windowTo": j.window.To.UTC().Format(time.RFC3339),
		"status": j.status.Status, "files": len(j.status.Data), "rows": j.rows,
		"startedAt": j.started.Format(time.RFC3339Nano), "finishedAt": j.finished.Format(time.RFC3339Nano), "polls": j.polls,
	}
	if !j.status.Expires.IsZero() {
		rec["expires"] = j.status.Expires.Format(time.RFC3339Nano)
	}
	body, _ := json.Marshal([]any{rec})
	j.pages++
	n, err := emit(ctx, &extract.Page{Source: s.cfg.Source, Stream: j.st.name, Table: schema.CPaaSExportJobs,
		Entity: "job=" + j.id, Number: j.pages, Request: "GET " + httpx.Redact(j.url()), Status: http.StatusOK,
		Format: schema.JSON, Body: body})
	if err == nil && n != 1 {
		err = errors.New("the export job record did not decode to one row")
	}
	if err != nil {
		return fmt.Errorf("record export job %s: %w", j.id, err)
	}
	return nil
}
