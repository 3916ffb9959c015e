package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestSchemaDDLCluster pins what an operator planning a move to a cluster reads: local tables
// with a replicated engine, Distributed tables under the original names, all ON CLUSTER.
func TestSchemaDDLCluster(t *testing.T) {
	run := func(args ...string) string {
		t.Helper()
		root := newRoot()
		var out bytes.Buffer
		root.SetOut(&out)
		root.SetArgs(args)
		if err := root.Execute(); err != nil {
			t.Fatalf("ccwh %s: %v", strings.Join(args, " "), err)
		}
		return out.String()
	}
	got := run("schema", "ddl", "--cluster", "c1", "vcc_interactions")
	for _, want := range []string{
		"CREATE DATABASE IF NOT EXISTS `ccwh` ON CLUSTER `c1`",
		"CREATE TABLE IF NOT EXISTS `ccwh`.`vcc_interactions_local` ON CLUSTER `c1`",
		"ReplicatedReplacingMergeTree(",
		"ENGINE = Distributed('c1', 'ccwh', 'vcc_interactions_local', cityHash64(`interaction_id`))",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("cluster DDL lacks %q:\n%s", want, got)
		}
	}
	if got := run("schema", "ddl", "--cluster", "c1", "--replicated=false", "vcc_interactions"); strings.Contains(got, "Replicated") || strings.Contains(got, "ON CLUSTER") {
		t.Errorf("--replicated=false still renders replication:\n%s", got)
	}
	if got := run("schema", "ddl", "vcc_interactions"); strings.Contains(got, "Distributed") || strings.Contains(got, "_local") {
		t.Errorf("single-server DDL mentions cluster tables:\n%s", got)
	}
}
