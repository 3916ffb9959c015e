// Package benchdata generates the data sets of the benchmarks (`make bench`), so that every
// benchmark of a path (decode, Parquet, ClickHouse, whole ingest) measures the same rows.
package benchdata

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ccwh/ccwh/schema"
)

// WriteInteractionsCSV writes a header and rows 8x8 all-interactions records with every field
// set, in forms that both ccwh and ClickHouse's CSV parser read: UTC "YYYY-MM-DD hh:mm:ss"
// timestamps, 0/1 booleans, interaction ids 1…rows (unique keys).
func WriteInteractionsCSV(out io.Writer, rows int) error {
	w := bufio.NewWriterSize(out, 1<<20)
	var fields []string
	for _, c := range schema.VCCInteractions.Columns {
		if c.Field != "" {
			fields = append(fields, c.Field)
		}
	}
	w.WriteString(strings.Join(fields, ",") + "\n")
	media := []string{"Phone", "Chat", "Email", "Voice Mail"}
	base := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	line := make([]string, len(fields))
	for i := range rows {
		at := base.Add(time.Duration(i) * time.Second)
		for j, c := range schema.VCCInteractions.Columns[:len(fields)] {
			switch c.Type {
			case schema.Int64:
				line[j] = strconv.Itoa((i*31 + j*7) % 5000)
			case schema.Bool:
				line[j] = strconv.Itoa(i % 2)
			case schema.Timestamp:
				line[j] = at.Add(time.Duration(j) * time.Second).Format(time.DateTime)
			default:
				line[j] = fmt.Sprintf("%s %d", c.Name, (i+j)%97)
			}
		}
		line[0] = media[i%4]
		line[3] = strconv.Itoa(i + 1) // interaction-id: unique
		if _, err := w.WriteString(strings.Join(line, ",") + "\n"); err != nil {
			return fmt.Errorf("benchdata: write interactions: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("benchdata: write interactions: %w", err)
	}
	return nil
}

// InteractionsCSV returns WriteInteractionsCSV's output for rows records.
func InteractionsCSV(rows int) []byte {
	var b strings.Builder
	_ = WriteInteractionsCSV(&b, rows) // a strings.Builder does not fail
	return []byte(b.String())
}
