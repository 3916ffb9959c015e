package jobs

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/jobs/compliance"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform"
)

// erasedCustomer is one sandbox customer the erasure test erases: what is given to the
// erasure, and every text that must not remain anywhere afterwards.
type erasedCustomer struct {
	name    string
	subject compliance.Subject
	needles []string // e-mail addresses (compared case-insensitively), phones as served and as digits
}

// TestEraseRemovesCustomerEverywhere is issue 8's must-show erasure test: one sandbox customer
// per vendor (the sandbox's vendors share no customer) is erased; afterwards no table, no view
// and no decoded row of any archived Parquet file holds the customer's e-mail or phone (as
// served, or as normalized digits); archive verify passes; _ccwh_erasures records the requests
// with hashes and counts and without the values; a re-sync of the same windows, with the
// sandbox still serving the customers, brings none of it back. On the way: a dry run changes
// nothing, and an erasure of held data is refused naming the hold until the hold is removed.
func TestEraseRemovesCustomerEverywhere(t *testing.T) {
	start := time.Now()
	e, w := newAllSourcesEnv(t)
	ctx := context.Background()
	mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
	phase := func(what string) { t.Logf("%6.1fs %s", time.Since(start).Seconds(), what) }
	phase("synced every demo source")

	customers := pickCustomers(t, e)
	before := traces(t, e, mem, allNeedles(customers))
	for _, c := range customers {
		n := 0
		for _, h := range before {
			if contains(c.needles, h.needle) {
				n++
			}
		}
		require.Positive(t, n, "%s: the customer must be in the warehouse before the erasure, or the test proves nothing", c.name)
	}
	dixa := customers[0]

	phase("traces searched")
	// A dry run counts and changes nothing.
	dry, err := compliance.Erase(ctx, e.ch, e.archive, compliance.EraseOptions{Subject: dixa.subject, DryRun: true, Mem: mem})
	require.NoError(t, err)
	require.Empty(t, dry.ID)
	require.Positive(t, dry.Conversations)
	require.NotEmpty(t, dry.Tables)
	require.Positive(t, dry.ArchiveFiles)
	require.Equal(t, 2, dry.Identifiers["phone"]+dry.Identifiers["email"], "the e-mail was given, the phone found on the end user")
	require.Len(t, tracesIn(t, e, nil, dixa.needles), countFor(before, dixa.needles)-countArchive(before, dixa.needles), "a dry run changed data")
	require.Zero(t, e.count(schema.Erasures.Name))

	phase("dry run")
	// Held data: a hold on one of the customer's conversations refuses the erasure, naming it.
	hasher, err := compliance.LoadHasher(ctx, e.ch)
	require.NoError(t, err)
	conv := e.column(`SELECT toString(c.id) FROM DB.dixa_conversations AS c FINAL ANY INNER JOIN
		(SELECT id AS requester_id FROM DB.dixa_end_users FINAL WHERE email = '` + dixa.subject.Emails[0] + `') USING requester_id LIMIT 1`)
	require.Len(t, conv, 1)
	hold, err := compliance.AddHold(ctx, e.ch, hasher, compliance.Hold{Kind: compliance.HoldConversation, Value: conv[0], Reason: "case 4711"})
	require.NoError(t, err)
	cond, args, err := compliance.HeldCondition(ctx, e.ch, schema.DixaMessages)
	require.NoError(t, err)
	var held, all uint64
	require.NoError(t, e.ch.QueryRow(ctx, fmt.Sprintf("SELECT countIf(%s), count() FROM %s.dixa_messages", cond,
		schema.Quote(e.ch.Database())), args...).Scan(&held, &all))
	require.Positive(t, held, "the held conversation's messages")
	require.Less(t, held, all, "only the held conversation's messages")
	_, err = compliance.Erase(ctx, e.ch, e.archive, compliance.EraseOptions{Subject: dixa.subject, Mem: mem})
	require.ErrorIs(t, err, compliance.ErrHeld)
	require.ErrorContains(t, err, hold.ID)
	require.ErrorContains(t, err, "case 4711")
	_, err = compliance.RemoveHold(ctx, e.ch, hasher, hold.ID)
	require.NoError(t, err)
	// A hold on the customer's phone (found on the end user, not given) refuses it too.
	hold, err = compliance.AddHold(ctx, e.ch, hasher, compliance.Hold{Kind: compliance.HoldPhone, Value: dixa.needles[1], Reason: "litigation"})
	require.NoError(t, err)
	_, err = compliance.Erase(ctx, e.ch, e.archive, compliance.EraseOptions{Subject: dixa.subject, Mem: mem})
	require.ErrorIs(t, err, compliance.ErrHeld)
	require.ErrorContains(t, err, hold.ID)
	_, err = compliance.RemoveHold(ctx, e.ch, hasher, hold.ID)
	require.NoError(t, err)
	active, err := compliance.ActiveHolds(ctx, e.ch)
	require.NoError(t, err)
	require.Empty(t, active)
	var data []trace // the removed hold keeps its value until the erasure
	for _, h := range traces(t, e, mem, dixa.needles) {
		if !strings.HasPrefix(h.where, schema.Holds.Name+":") {
			data = append(data, h)
		}
	}
	require.Len(t, data, countFor(before, dixa.needles), "a refused erasure changed data")

	phase("holds")
	// The erasures.
	for _, c := range customers {
		res, err := compliance.Erase(ctx, e.ch, e.archive, compliance.EraseOptions{Subject: c.subject, Reason: "GDPR art. 17 ticket " + c.name, Mem: mem})
		require.NoError(t, err, c.name)
		require.NotEmpty(t, res.ID)
		require.NotEmpty(t, res.Tables, c.name)
		t.Logf("%s: erasure %s: %d conversations, tables %+v, %d archive files", c.name, res.ID, res.Conversations, res.Tables, res.ArchiveFiles)
	}
	phase("erased")
	requireNoTraces(t, e, mem, customers, "after the erasures")
	phase("traces searched")

	vr, err := e.archive.VerifyAll(ctx, load.VerifyOptions{Strict: true})
	require.NoError(t, err)
	require.True(t, vr.OK(), "archive verify after the erasures: %v", vr.Problems)

	// _ccwh_erasures: one succeeded row per erasure with hashes and counts, never the values.
	rows := e.rows(`SELECT erasure_id, argMax(status, version), toString(argMax(length(subject_hashes), version)),
		toString(argMax(length(conversation_hashes), version)), argMax(rows_deleted, version), argMax(reason, version)
		FROM DB._ccwh_erasures GROUP BY erasure_id`)
	require.Len(t, rows, len(customers))
	for _, r := range rows {
		require.Equal(t, "succeeded", r[1], r)
		require.NotEqual(t, "0", r[2], r)
		require.Contains(t, r[4], "{", r)
	}
	require.Empty(t, tracesIn(t, e, []string{schema.Erasures.Name}, allNeedles(customers)), "_ccwh_erasures holds an erased value")

	// Re-extraction: the sandbox serves the customers again; the load-time filter keeps them out.
	rep, err := e.runner.Sync(ctx, SyncOptions{From: w.From, To: w.To, Parallel: 2})
	require.NoError(t, err)
	require.Empty(t, rep.Failed())
	require.Positive(t, e.count("dixa_conversations"), "the re-sync loaded the other customers")
	phase("re-synced")
	requireNoTraces(t, e, mem, customers, "after a re-sync")
	vr, err = e.archive.VerifyAll(ctx, load.VerifyOptions{Strict: true})
	require.NoError(t, err)
	require.True(t, vr.OK(), "archive verify after the re-sync: %v", vr.Problems)
	require.Zero(t, mem.CurrentAlloc(), "Arrow memory leaked")
}

// pickCustomers chooses one customer per vendor from what the sync loaded: a Dixa end user
// with e-mail, phone and conversations (erased by e-mail: the phone must go too), a Chatwoot
// contact with conversations (erased by phone: the e-mail must go too), an 8x8 chat customer
// (by e-mail) and an 8x8 caller whose calls were recorded (by phone, in national notation).
func pickCustomers(t *testing.T, e *env) []erasedCustomer {
	t.Helper()
	one := func(q string) []string {
		rows := e.rows(q)
		require.NotEmpty(t, rows, q)
		return rows[0]
	}
	var out []erasedCustomer
	add := func(name string, build func(s *compliance.Subject) error, needles ...string) {
		var s compliance.Subject
		require.NoError(t, build(&s))
		for _, n := range append([]string(nil), needles...) {
			if d := transform.NormalizePhone(n); strings.ContainsAny(n, "+-() ") && len(d) >= 7 {
				needles = append(needles, d)
			}
		}
		out = append(out, erasedCustomer{name: name, subject: s, needles: needles})
	}
	d := one(`SELECT u.email, u.phone_number FROM DB.dixa_end_users AS u FINAL
		WHERE u.email != '' AND u.phone_number != '' AND u.id IN (SELECT requester_id FROM DB.dixa_conversations)
		ORDER BY u.email LIMIT 1`)
	add("dixa", func(s *compliance.Subject) error { return s.AddEmail(strings.ToUpper(d[0])) }, d[0], d[1])
	c := one(`SELECT c.email, c.phone_number FROM DB.chatwoot_contacts AS c FINAL
		WHERE c.id IN (SELECT sender_id FROM DB.chatwoot_conversations) ORDER BY c.id LIMIT 1`)
	add("chatwoot", func(s *compliance.Subject) error { return s.AddPhone(c[1]) }, c[0], c[1])
	v := one(`SELECT customer_email FROM DB.vcc_chat_conversations FINAL WHERE customer_email != '' ORDER BY id LIMIT 1`)
	add("8x8 chat", func(s *compliance.Subject) error { return s.AddEmail(v[0]) }, v[0])
	p := one(`SELECT origination FROM DB.vcc_interactions FINAL WHERE match(origination, '^[0-9]{10}$')
		AND origination IN (SELECT phone_number FROM DB.vcc_recordings) ORDER BY origination LIMIT 1`)
	national := "(" + p[0][:3] + ") " + p[0][3:6] + "-" + p[0][6:]
	add("8x8 caller", func(s *compliance.Subject) error { return s.AddPhone(national) }, p[0])
	return out
}

func allNeedles(cs []erasedCustomer) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.needles...)
	}
	return out
}

// requireNoTraces fails naming every place (table or view column, archive file) that still
// holds one of the customers' needles.
func requireNoTraces(t *testing.T, e *env, mem memory.Allocator, cs []erasedCustomer, when string) {
	t.Helper()
	hits := traces(t, e, mem, allNeedles(cs))
	for _, c := range cs {
		var mine []string
		for _, h := range hits {
			if contains(c.needles, h.needle) {
				mine = append(mine, h.where)
			}
		}
		require.Empty(t, mine, "%s %s: the customer's e-mail or phone is still there", c.name, when)
	}
}

// trace is one place holding a needle.
type trace struct{ needle, where string }

// traces lists where the needles occur: every String and Array(String) column of every table
// and view of the database, and every string of every decoded row of every archived file.
func traces(t *testing.T, e *env, mem memory.Allocator, needles []string) []trace {
	t.Helper()
	hits := tracesIn(t, e, nil, needles)
	ms, err := e.archive.Manifests()
	require.NoError(t, err)
	for _, m := range ms {
		for _, f := range m.Files {
			tb, err := schema.Lookup(f.Table)
			require.NoError(t, err)
			rec, err := load.ReadParquet(mem, filepath.Join(e.archive.Dir(), filepath.FromSlash(f.Path)), tb)
			require.NoError(t, err)
			for ci, col := range tb.Columns {
				for _, v := range stringsOf(rec.Column(ci)) {
					for _, n := range needles {
						if strings.Contains(strings.ToLower(v), strings.ToLower(n)) {
							hits = append(hits, trace{n, fmt.Sprintf("archive %s column %s: %q", f.Path, col.Name, v)})
						}
					}
				}
			}
			rec.Release()
		}
	}
	return hits
}

// tracesIn searches the String columns of the given tables and views (all of the database's
// when nil) for the needles.
func tracesIn(t *testing.T, e *env, only []string, needles []string) []trace {
	t.Helper()
	ctx := context.Background()
	rows, err := e.ch.Query(ctx, "SELECT table, name, type FROM system.columns WHERE database = ? AND type LIKE '%String%' ORDER BY table, name", e.ch.Database())
	require.NoError(t, err)
	byTable := map[string][]string{}
	var order []string
	for rows.Next() {
		var tb, col, typ string
		require.NoError(t, rows.Scan(&tb, &col, &typ))
		if only != nil && !contains(only, tb) {
			continue
		}
		x := "toString(" + schema.Quote(col) + ")"
		if strings.HasPrefix(typ, "Array(") {
			x = "arrayStringConcat(" + schema.Quote(col) + ", '\\n')"
		}
		if byTable[tb] == nil {
			order = append(order, tb)
		}
		byTable[tb] = append(byTable[tb], x)
	}
	require.NoError(t, rows.Err())
	rows.Close()
	count := func(tb string, ns []string) uint64 {
		var conds []string
		for _, n := range ns {
			for _, x := range byTable[tb] {
				conds = append(conds, fmt.Sprintf("positionCaseInsensitive(ifNull(%s, ''), '%s') > 0", x, n))
			}
		}
		var cnt uint64
		q := fmt.Sprintf("SELECT count() FROM %s.%s WHERE %s", schema.Quote(e.ch.Database()), schema.Quote(tb), strings.Join(conds, " OR "))
		require.NoError(t, e.ch.QueryRow(ctx, q).Scan(&cnt), q)
		return cnt
	}
	var hits []trace
	for _, tb := range order {
		if count(tb, needles) == 0 {
			continue
		}
		for _, n := range needles {
			if c := count(tb, []string{n}); c > 0 {
				hits = append(hits, trace{n, fmt.Sprintf("%s: %d rows", tb, c)})
			}
		}
	}
	return hits
}

func countArchive(hits []trace, needles []string) int {
	n := 0
	for _, h := range hits {
		if contains(needles, h.needle) && strings.HasPrefix(h.where, "archive ") {
			n++
		}
	}
	return n
}

func countFor(hits []trace, needles []string) int {
	n := 0
	for _, h := range hits {
		if contains(needles, h.needle) {
			n++
		}
	}
	return n
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// stringsOf lists the non-null strings of a String or list<string> array.
func stringsOf(arr arrow.Array) []string {
	var out []string
	switch a := arr.(type) {
	case *array.String:
		for i := 0; i < a.Len(); i++ {
			if !a.IsNull(i) {
				out = append(out, a.Value(i))
			}
		}
	case *array.List:
		if vals, ok := a.ListValues().(*array.String); ok {
			for i := 0; i < vals.Len(); i++ {
				out = append(out, vals.Value(i))
			}
		}
	}
	return out
}
