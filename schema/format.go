package schema

import "fmt"

// Format is the wire format of a raw vendor page.
type Format string

const (
	XML  Format = "xml"
	JSON Format = "json"
	CSV  Format = "csv"
)

// ParseFormat accepts xml, json or csv (the 8x8 path suffixes without the dot).
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case XML, JSON, CSV:
		return f, nil
	case "":
		return XML, nil
	}
	return "", fmt.Errorf("schema: unknown format %q (want xml, json or csv)", s)
}
