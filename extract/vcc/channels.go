package vcc

import (
	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// channelsStream: GET /api/stats/channels?n= (spec §2.3 #30, §2.4.16): phone numbers, chat
// channels and mailboxes.
func channelsStream(s *Source) *Stream {
	return &Stream{src: s, name: "channels", table: schema.VCCChannels, mode: extract.Dimension, path: "/channels"}
}
