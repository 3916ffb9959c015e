package schema

import "strings"

// snake turns a vendor field name ("call-leg1-sip-id", "transaction_id", "startDate") into a
// snake_case column name ("call_leg1_sip_id", "transaction_id", "start_date").
func snake(field string) string {
	var b strings.Builder
	b.Grow(len(field) + 4)
	for i, r := range field {
		switch {
		case r == '-' || r == ' ' || r == '.':
			b.WriteByte('_')
		case r >= 'A' && r <= 'Z':
			if i > 0 && field[i-1] != '-' && field[i-1] != '_' && !(field[i-1] >= 'A' && field[i-1] <= 'Z') {
				b.WriteByte('_')
			}
			b.WriteRune(r + ('a' - 'A'))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
