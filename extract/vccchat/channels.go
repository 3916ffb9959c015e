package vccchat

import (
	"context"
	"encoding/json"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

// flatChannel lifts routingOptions.{type,id} into routingOptionsType/routingOptionsId.
func flatChannel(in obj) obj {
	var ro obj
	if v, ok := in["routingOptions"]; ok && json.Unmarshal(v, &ro) == nil {
		delete(in, "routingOptions")
		for k, v := range ro {
			switch k {
			case "type":
				in["routingOptionsType"] = v
			case "id":
				in["routingOptionsId"] = v
			default:
				in["routingOptions."+k] = v
			}
		}
	}
	return in
}

// channelsStream: GET …/channels (paged; A.7.4).
func channelsStream(s *Source) *Stream {
	st := &Stream{src: s, name: "channels", table: schema.VCCChatChannels}
	st.fetch = func(ctx context.Context, emit extract.Emit) error {
		return s.pages(ctx, st, "/channels", nil, func(items []obj, req string, resp httpx.Response, n int) error {
			for i := range items {
				items[i] = flatChannel(items[i])
			}
			return s.emitRecords(ctx, st, emit, st.table, "", req, resp, n, items)
		})
	}
	return st
}

// webhooksStream: GET …/web-hooks (paged; A.7.5), a configuration dimension.
func webhooksStream(s *Source) *Stream {
	st := &Stream{src: s, name: "webhooks", table: schema.VCCChatWebhooks}
	st.fetch = func(ctx context.Context, emit extract.Emit) error {
		return s.pages(ctx, st, "/web-hooks", nil, func(items []obj, req string, resp httpx.Response, n int) error {
			return s.emitRecords(ctx, st, emit, st.table, "", req, resp, n, items)
		})
	}
	return st
}
