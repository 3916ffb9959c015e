package jobs

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/ccwh/ccwh/schema"
)

// DefaultRetentionSchedule is when the retention job runs in `ccwh run` unless configured.
const DefaultRetentionSchedule = "30 3 * * *"

// RetentionConfig is the top-level `retention:` section: how long rows of each table are kept.
//
//	retention:
//	  schedule: "30 3 * * *"        # cron (UTC) for the retention job in `ccwh run`
//	  tables:
//	    vcc_transcripts: 2y          # d, w or y (a year is 365 days)
//	    "dixa_*": 400d               # a glob over table names
//	  archive: true                  # also prune the Parquet archive (default true)
type RetentionConfig struct {
	Schedule string `yaml:"schedule"`
	// Tables maps a table name or a glob (path.Match syntax) to a retention period. An exact
	// name wins over globs; two globs giving one table different periods are an error. Globs
	// skip tables without a timestamp (dimension tables hold the current state and never age).
	Tables map[string]string `yaml:"tables"`
	// Archive also prunes expired Parquet files; default true.
	Archive *bool `yaml:"archive"`

	schedule cron.Schedule
	rules    []RetentionRule
}

// RetentionRule is the resolved retention of one table.
type RetentionRule struct {
	Table   *schema.Table
	Days    int    // rows whose Table.PartitionBy is older than now minus Days days expire
	Pattern string // the config key that gave it (the table name or a glob)
}

// Cutoff is the instant before which rows expire at now.
func (r RetentionRule) Cutoff(now time.Time) time.Time {
	return now.UTC().Add(-time.Duration(r.Days) * 24 * time.Hour)
}

// Enabled reports whether any table has a retention.
func (r *RetentionConfig) Enabled() bool { return len(r.rules) > 0 }

// Rules lists the resolved rules in table-name order.
func (r *RetentionConfig) Rules() []RetentionRule { return append([]RetentionRule(nil), r.rules...) }

// Rule returns the rule of a table, if it has one.
func (r *RetentionConfig) Rule(table string) (RetentionRule, bool) {
	for _, rr := range r.rules {
		if rr.Table.Name == table {
			return rr, true
		}
	}
	return RetentionRule{}, false
}

// PruneArchive reports whether the job also prunes the Parquet archive.
func (r *RetentionConfig) PruneArchive() bool { return r.Archive == nil || *r.Archive }

// Next is the retention job's next tick after t (UTC).
func (r *RetentionConfig) Next(t time.Time) time.Time { return r.schedule.Next(t.UTC()) }

var retentionPeriod = regexp.MustCompile(`^([0-9]+)([dwy])$`)

// ParseRetention parses a retention period: whole days, weeks or years ("730d", "104w", "2y";
// a year is 365 days) into days.
func ParseRetention(s string) (int, error) {
	m := retentionPeriod.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, fmt.Errorf("bad retention %q (want a whole number of days, weeks or years: 730d, 104w, 2y)", s)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad retention %q (must be positive)", s)
	}
	unit := map[string]int{"d": 1, "w": 7, "y": 365}[m[2]]
	if n > 100_000/unit {
		return 0, fmt.Errorf("bad retention %q (more than 100000 days)", s)
	}
	return n * unit, nil
}

// validateRetention parses the schedule and resolves the table patterns against the schema.
func (c *Config) validateRetention() error {
	r := &c.Retention
	if r.Schedule == "" {
		r.Schedule = DefaultRetentionSchedule
	}
	sched, err := cronParser.Parse(r.Schedule)
	if err != nil {
		return c.errAt("retention.schedule", "bad cron spec %q: %v", r.Schedule, err)
	}
	r.schedule = sched
	keys := make([]string, 0, len(r.Tables))
	for k := range r.Tables {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	type pick struct {
		days    int
		pattern string
		exact   bool
	}
	picked := map[string]pick{}
	for _, key := range keys {
		p := "retention.tables." + key
		days, err := ParseRetention(r.Tables[key])
		if err != nil {
			return c.errAt(p, "%v", err)
		}
		if _, err := path.Match(key, ""); err != nil {
			return c.errAt(p, "bad table pattern %q: %v", key, err)
		}
		if !strings.ContainsAny(key, "*?[") {
			t, err := schema.Lookup(key)
			if err != nil {
				return c.errAt(p, "unknown table %q", key)
			}
			if t.PartitionBy == "" {
				return c.errAt(p, "table %s has no timestamp to age rows by (it holds the current state of a dimension)", key)
			}
			picked[key] = pick{days, key, true}
			continue
		}
		matched, aged := 0, 0
		for _, t := range schema.Tables() {
			if ok, _ := path.Match(key, t.Name); !ok {
				continue
			}
			matched++
			if t.PartitionBy == "" {
				continue
			}
			aged++
			prev, seen := picked[t.Name]
			switch {
			case seen && prev.exact:
			case seen && prev.days != days:
				return c.errAt(p, "table %s gets %dd from %q and %dd from %q: name it explicitly", t.Name, prev.days, prev.pattern, days, key)
			default:
				picked[t.Name] = pick{days, key, false}
			}
		}
		if matched == 0 {
			return c.errAt(p, "pattern %q matches no table", key)
		}
		if aged == 0 {
			return c.errAt(p, "pattern %q matches only tables without a timestamp to age rows by", key)
		}
	}
	r.rules = r.rules[:0]
	for name, pk := range picked {
		t, _ := schema.Lookup(name)
		r.rules = append(r.rules, RetentionRule{Table: t, Days: pk.days, Pattern: pk.pattern})
	}
	sort.Slice(r.rules, func(i, j int) bool { return r.rules[i].Table.Name < r.rules[j].Table.Name })
	return nil
}
