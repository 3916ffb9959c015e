package cpaas

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

// flatInstance flattens a WorkflowInstance (§5.2): data.accountId, data.subAccountId (or
// data.subaccountId), data.triggeredAt and data.payload become columns; other data keys are kept
// as "data.<key>" (→ _extra).
func flatInstance(in obj) obj {
	out := obj{}
	for k, v := range in {
		if k != "data" {
			out[k] = v
		}
	}
	var data obj
	if v, ok := in["data"]; ok {
		_ = json.Unmarshal(v, &data)
	}
	for k, v := range data {
		switch k {
		case "accountId", "subAccountId", "triggeredAt", "payload":
			out[k] = v
		case "subaccountId":
			if _, ok := data["subAccountId"]; !ok {
				out["subAccountId"] = v
			}
		default:
			out["data."+k] = v
		}
	}
	return out
}

// instancesStream: for every active definition and every version in its history,
// GET …/definitions/{id}/workflows?version=&startTimeFrom=&startTimeTo= (paged, newest first).
// Without version= the API returns the latest version's instances only (§5.2), hence the loop.
// Terminated instances also get GET …/workflows/{id}/errors → cpaas_workflow_instance_errors.
func instancesStream(s *Source) *Stream {
	st := &Stream{src: s, name: "workflow_instances", table: schema.CPaaSWorkflowInstances, mode: extract.Incremental, needs: "account_id"}
	st.fetch = func(ctx context.Context, w extract.Window, emit extract.Emit) error {
		active, err := s.activeDefinitions(ctx, st)
		if err != nil {
			return err
		}
		for _, d := range active {
			vs, err := s.versions(ctx, st, d.id)
			if err != nil {
				return err
			}
			if len(vs) == 0 && d.version > 0 {
				vs = []int64{d.version}
			}
			for _, v := range vs {
				if err := s.instances(ctx, st, d.id, v, w, emit); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return st
}

func (s *Source) instances(ctx context.Context, st *Stream, defID string, version int64, w extract.Window, emit extract.Emit) error {
	c := call{st: st, entity: fmt.Sprintf("definition=%s version=%d", defID, version), window: w}
	base := s.definitionsURL() + "/" + url.PathEscape(defID) + "/workflows"
	q := url.Values{"version": {strconv.FormatInt(version, 10)},
		"startTimeFrom": {w.From.UTC().Format(time.RFC3339)}, "startTimeTo": {w.To.UTC().Format(time.RFC3339)}}
	return s.pageList(ctx, c, base, q, func(items []obj, req string, resp httpx.Response) error {
		recs := make([]obj, 0, len(items))
		var terminated []string
		for _, it := range items {
			f := flatInstance(it)
			// startTimeTo's inclusivity is not documented: keep the window half-open.
			if t, err := ParseTime(strOf(f, "startedAt")); err == nil && !t.Before(w.To) {
				continue
			}
			recs = append(recs, f)
			if strings.EqualFold(strOf(f, "status"), "Terminated") {
				terminated = append(terminated, strOf(f, "workflowId"))
			}
		}
		if err := s.emitRecords(ctx, c, emit, st.table, req, resp, recs); err != nil {
			return err
		}
		for _, id := range terminated {
			if err := s.instanceErrors(ctx, c, base, defID, id, emit); err != nil {
				return err
			}
		}
		return nil
	})
}

// instanceErrors: GET …/workflows/{id}/errors — an array per the schema, a single object in the
// example (§5.4); both are read.
func (s *Source) instanceErrors(ctx context.Context, c call, base, defID, id string, emit extract.Emit) error {
	c.entity += " workflow=" + id
	u := base + "/" + url.PathEscape(id) + "/errors"
	resp, err := s.get(ctx, c, u)
	if err != nil {
		return err
	}
	items, err := decodeList(resp.Body)
	if err != nil {
		return s.fail(c, "GET "+httpx.Redact(u), resp.Status, err)
	}
	for _, it := range items {
		if _, ok := it["workflowId"]; !ok {
			it["workflowId"] = raw(id)
		}
		it["definitionId"] = raw(defID)
	}
	return s.emitRecords(ctx, c, emit, schema.CPaaSWorkflowInstanceErrors, "GET "+httpx.Redact(u), resp, items)
}
