package compliance

import (
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

func testMatcher(t *testing.T) *Matcher {
	t.Helper()
	var s Subject
	require.NoError(t, s.AddEmail(" Jane.Doe@Example.ORG "))
	require.NoError(t, s.AddPhone("+44 7700 900123"))
	require.NoError(t, s.AddID("acme-dixa", "user-42"))
	m := NewMatcher(NewHasher([]byte("0123456789abcdef0123456789abcdef")))
	m.AddSubject(s)
	m.AddConversation("acme-dixa", "1001")
	return m
}

// fromHashes is what the load-time filter has: only the stored hashes.
func fromHashes(m *Matcher) *Matcher {
	out := NewMatcher(m.h)
	out.AddHashes(m.SubjectHashes(), m.ConversationHashes())
	return out
}

func TestMatcherMatchesLikePhoneMatch(t *testing.T) {
	for _, m := range []*Matcher{testMatcher(t), fromHashes(testMatcher(t))} {
		for _, v := range []string{"+44 7700 900123", "0044 7700-900123", "447700900123", "07700 900123", "7700900123", "(0)7700 900 123"} {
			require.True(t, m.Phone(v), v)
		}
		for _, v := range []string{"447700900124", "337700900123", "900123", "", "+1 447700900123 99"} {
			require.False(t, m.Phone(v), v)
		}
		require.True(t, m.Email("JANE.DOE@example.org"))
		require.False(t, m.Email("jane.doe@example.com"))
		require.True(t, m.ID("acme-dixa", "user-42"))
		require.False(t, m.ID("other", "user-42"), "an id is erased in its source only")
		require.True(t, m.Conversation("acme-dixa", "1001"))
		require.False(t, m.Conversation("acme-chatwoot", "1001"))
		require.True(t, m.Identifies(schema.PIIPhone, "x", "jane.doe@example.org"), "phone columns may hold an address")
		require.True(t, m.Identifies(schema.PIIEmail, "x", "Jane <jane.doe@example.org>"))
		require.False(t, m.Identifies(schema.PIIEmail, "x", "john@example.org"))
	}
	for _, h := range testMatcher(t).SubjectHashes() {
		require.NotContains(t, h, "jane")
		require.NotContains(t, h, "7700")
	}
}

func TestScrubText(t *testing.T) {
	m := fromHashes(testMatcher(t))
	out, ok := m.ScrubText("Call +44 7700 900123 or 07700 900123, mail JANE.DOE@example.org; not +44 7700 900999 or bob@example.org")
	require.True(t, ok)
	require.Equal(t, "Call [phone] or [phone], mail [email]; not +44 7700 900999 or bob@example.org", out)
	out, ok = m.ScrubText("nothing here 2026-03-01")
	require.False(t, ok)
	require.Equal(t, "nothing here 2026-03-01", out)
}

// record builds a record of t from rows of column → value (string, int64, []string); other
// columns are NULL, zero or empty.
func record(t *testing.T, mem memory.Allocator, tb *schema.Table, rows []map[string]any) arrow.Record {
	t.Helper()
	b := array.NewRecordBuilder(mem, tb.ArrowSchema())
	defer b.Release()
	for _, r := range rows {
		for i, c := range tb.Columns {
			v, ok := r[c.Name]
			switch fb := b.Field(i).(type) {
			case *array.StringBuilder:
				if ok {
					fb.Append(v.(string))
				} else if c.Nullable() {
					fb.AppendNull()
				} else {
					fb.Append("")
				}
			case *array.Int64Builder:
				if ok {
					fb.Append(v.(int64))
				} else if c.Nullable() {
					fb.AppendNull()
				} else {
					fb.Append(0)
				}
			case *array.ListBuilder:
				fb.Append(true)
				if ok {
					fb.ValueBuilder().(*array.StringBuilder).AppendValues(v.([]string), nil)
				}
			case *array.TimestampBuilder:
				fb.Append(arrow.Timestamp(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC).UnixMilli()))
			default:
				if c.Nullable() {
					fb.AppendNull()
				} else {
					fb.AppendEmptyValue()
				}
			}
		}
	}
	return b.NewRecord()
}

// column reads a String column of rec as texts ("NULL" for null).
func column(rec arrow.Record, tb *schema.Table, name string) []string {
	a := rec.Column(tb.Column(name))
	out := make([]string, a.Len())
	for i := range out {
		out[i] = "NULL"
		if !a.IsNull(i) {
			out[i] = a.ValueStr(i)
		}
	}
	return out
}

func TestFilterScrubsRecords(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	f := NewFilter(fromHashes(testMatcher(t)), mem)

	t.Run("conversation content: rows of erased conversations and of the customer are dropped", func(t *testing.T) {
		tb := schema.DixaMessages
		rec := record(t, mem, tb, []map[string]any{
			{"_source": "acme-dixa", "conversation_id": int64(1001), "id": "m1", "attributes_content_value": "hello"},
			{"_source": "acme-dixa", "conversation_id": int64(1002), "id": "m2", "attributes_from_email": "jane.doe@example.org"},
			{"_source": "acme-dixa", "conversation_id": int64(1003), "id": "m3", "attributes_content_value": "ring 07700 900123 please"},
			{"_source": "acme-other", "conversation_id": int64(1001), "id": "m4", "attributes_content_value": "someone else's 1001"},
		})
		out, err := f.Scrub(tb, rec)
		require.NoError(t, err)
		defer out.Release()
		require.Equal(t, []string{"m3", "m4"}, column(out, tb, "id"))
		require.Equal(t, []string{"ring [phone] please", "someone else's 1001"}, column(out, tb, "attributes_content_value"))
	})

	t.Run("rows that mention a customer are blanked, keys and staff columns kept", func(t *testing.T) {
		tb := schema.VCCInteractions
		rec := record(t, mem, tb, []map[string]any{
			{"_source": "acme", "interaction_id": int64(1), "origination": "07700900123", "customer_name": "Doe, Jane", "agent_name": "Ann Agent", "notes": "VIP"},
			{"_source": "acme", "interaction_id": int64(2), "origination": "2015550100", "customer_name": "Roe, Rich", "agent_name": "Ann Agent",
				"notes": "asked about jane.doe@example.org", "_extra": `{"x":"+447700900123"}`},
		})
		out, err := f.Scrub(tb, rec)
		require.NoError(t, err)
		defer out.Release()
		require.Equal(t, []string{"NULL", "2015550100"}, column(out, tb, "origination"))
		require.Equal(t, []string{"NULL", "Roe, Rich"}, column(out, tb, "customer_name"))
		require.Equal(t, []string{"NULL", "asked about [email]"}, column(out, tb, "notes"))
		require.Equal(t, []string{"Ann Agent", "Ann Agent"}, column(out, tb, "agent_name"))
		require.Equal(t, []string{"1", "2"}, column(out, tb, "interaction_id"))
		require.Equal(t, []string{"", `{"x":"[phone]"}`}, column(out, tb, "_extra"))
	})

	t.Run("person rows are dropped, by any identifier, in lists too", func(t *testing.T) {
		tb := schema.DixaEndUsers
		rec := record(t, mem, tb, []map[string]any{
			{"_source": "acme-dixa", "id": "user-42", "email": "someone@example.org"},
			{"_source": "acme-dixa", "id": "u2", "additional_emails": []string{"x@example.org", "Jane.Doe@example.org"}},
			{"_source": "acme-dixa", "id": "u3", "additional_phone_numbers": []string{"+1 555 0100"}, "email": "u3@example.org"},
		})
		out, err := f.Scrub(tb, rec)
		require.NoError(t, err)
		defer out.Release()
		require.Equal(t, []string{"u3"}, column(out, tb, "id"))
		require.Equal(t, `["+1 555 0100"]`, column(out, tb, "additional_phone_numbers")[0])
	})

	t.Run("nothing matches: the same record comes back", func(t *testing.T) {
		tb := schema.ChatwootContacts
		rec := record(t, mem, tb, []map[string]any{{"_source": "cw", "id": int64(7), "email": "other@example.org"}})
		out, err := f.Scrub(tb, rec)
		require.NoError(t, err)
		require.Same(t, rec, out)
		out.Release()
	})

	t.Run("no erasures: a nil filter costs nothing", func(t *testing.T) {
		var nf *Filter
		require.Nil(t, NewFilter(NewMatcher(NewHasher([]byte("k"))), mem))
		tb := schema.ChatwootContacts
		rec := record(t, mem, tb, []map[string]any{{"_source": "cw", "id": int64(7)}})
		out, err := nf.Scrub(tb, rec)
		require.NoError(t, err)
		require.Same(t, rec, out)
		out.Release()
	})

	t.Run("every row dropped: an empty record", func(t *testing.T) {
		tb := schema.DixaNotes
		rec := record(t, mem, tb, []map[string]any{{"_source": "acme-dixa", "csid": int64(1001), "id": "n1", "message": "x"}})
		out, err := f.Scrub(tb, rec)
		require.NoError(t, err)
		require.Zero(t, out.NumRows())
		out.Release()
	})
	t.Run("an erasure limited to one source leaves the other sources' rows alone", func(t *testing.T) {
		sf := &Filter{m: NewMatcher(f.m.h), scoped: map[string]*Matcher{"acme-dixa": f.m}, mem: mem}
		tb := schema.DixaEndUsers
		rec := record(t, mem, tb, []map[string]any{
			{"_source": "acme-dixa", "id": "u1", "email": "jane.doe@example.org"},
			{"_source": "other-dixa", "id": "u1", "email": "jane.doe@example.org", "custom_attributes": "jane.doe@example.org"},
		})
		out, err := sf.Scrub(tb, rec)
		require.NoError(t, err)
		defer out.Release()
		require.Equal(t, []string{"other-dixa"}, column(out, tb, "_source"))
		require.Equal(t, []string{"jane.doe@example.org"}, column(out, tb, "custom_attributes"))
	})
	st := f.Stats()
	require.Equal(t, int64(5), st.Dropped)
	require.Equal(t, int64(1), st.Blanked)
}

func BenchmarkFilterNoErasures(b *testing.B) {
	var f *Filter
	mem := memory.NewGoAllocator()
	tb := schema.DixaMessages
	bld := array.NewRecordBuilder(mem, tb.ArrowSchema())
	rec := bld.NewRecord()
	bld.Release()
	defer rec.Release()
	b.ReportAllocs()
	for range b.N {
		if _, err := f.Scrub(tb, rec); err != nil {
			b.Fatal(err)
		}
	}
}
