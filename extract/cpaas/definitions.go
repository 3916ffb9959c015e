package cpaas

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

// flatDefinition flattens a workflow definition record (§5.7). The schema puts id, version and
// createdAt at the top and name and steps inside "definition"; every example puts id, name and
// version inside "definition" and spells subAccountId "subaccountId". Both forms are read; the
// top level wins. Keys the table does not know are kept (they land in _extra).
func flatDefinition(in obj) obj {
	out := obj{}
	for k, v := range in {
		switch k {
		case "definition", "subaccountId":
		default:
			out[k] = v
		}
	}
	if _, ok := out["subAccountId"]; !ok {
		if v, ok := in["subaccountId"]; ok {
			out["subAccountId"] = v
		}
	}
	var def obj
	if v, ok := in["definition"]; ok {
		_ = json.Unmarshal(v, &def)
	}
	for k, v := range def {
		switch k {
		case "id", "name", "version", "steps":
			if _, ok := out[k]; !ok {
				out[k] = v
			}
		default:
			out["definition."+k] = v
		}
	}
	var steps []json.RawMessage
	if v, ok := out["steps"]; ok && json.Unmarshal(v, &steps) == nil {
		out["stepCount"] = raw(len(steps))
	}
	return out
}

// definitionsStream: GET automation…/accounts/{acc}/definitions (active definitions, paged),
// then GET …/definitions/{id} (its version history, paged, newest first) for each: one row per
// version, the active one flagged ccwh_latest.
func definitionsStream(s *Source) *Stream {
	st := &Stream{src: s, name: "workflow_definitions", table: schema.CPaaSWorkflowDefinitions, mode: extract.Dimension, needs: "account_id"}
	st.fetch = func(ctx context.Context, _ extract.Window, emit extract.Emit) error {
		active, err := s.activeDefinitions(ctx, st)
		if err != nil {
			return err
		}
		for _, d := range active {
			c := call{st: st, entity: "definition=" + d.id}
			err := s.pageList(ctx, c, s.definitionsURL()+"/"+url.PathEscape(d.id), nil, func(items []obj, req string, resp httpx.Response) error {
				recs := make([]obj, 0, len(items))
				for _, it := range items {
					f := flatDefinition(it)
					f["ccwhLatest"] = raw(intOf(f, "version") == d.version)
					recs = append(recs, f)
				}
				return s.emitRecords(ctx, c, emit, st.table, req, resp, recs)
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	return st
}

func (s *Source) definitionsURL() string {
	return s.cfg.AutomationURL + "/api/v1/accounts/" + url.PathEscape(s.cfg.AccountID) + "/definitions"
}

type defRef struct {
	id      string
	version int64
}

// activeDefinitions lists the active definitions (id and active version).
func (s *Source) activeDefinitions(ctx context.Context, st *Stream) ([]defRef, error) {
	var out []defRef
	err := s.pageList(ctx, call{st: st, entity: "definitions"}, s.definitionsURL(), nil, func(items []obj, _ string, _ httpx.Response) error {
		for _, it := range items {
			f := flatDefinition(it)
			if id := strOf(f, "id"); id != "" {
				out = append(out, defRef{id: id, version: intOf(f, "version")})
			}
		}
		return nil
	})
	return out, err
}

// versions lists every version number of a definition (version history).
func (s *Source) versions(ctx context.Context, st *Stream, id string) ([]int64, error) {
	var out []int64
	err := s.pageList(ctx, call{st: st, entity: "definition=" + id}, s.definitionsURL()+"/"+url.PathEscape(id), nil, func(items []obj, _ string, _ httpx.Response) error {
		for _, it := range items {
			if v := intOf(flatDefinition(it), "version"); v > 0 {
				out = append(out, v)
			}
		}
		return nil
	})
	return out, err
}
