package load

import (
	"context"
	"fmt"
	"time"

	"github.com/ccwh/ccwh/schema"
)

// Migrate brings the database to schema.Version: it creates the database, every internal table
// and every data table, adds the columns an existing table lacks, and records the version in
// _ccwh_schema once. Running it again changes nothing. In cluster mode it creates everything on
// every server of the cluster (see EnsureTables).
func (c *ClickHouse) Migrate(ctx context.Context, toolVersion string) error {
	if err := c.ensureDatabase(ctx); err != nil {
		return fmt.Errorf("load: migrate: %w", err)
	}
	tables := append(schema.InternalTables(), schema.Tables()...)
	if err := c.EnsureTables(ctx, tables...); err != nil {
		return fmt.Errorf("load: migrate: %w", err)
	}
	if err := c.ensureViews(ctx, schema.Views()); err != nil {
		return fmt.Errorf("load: migrate: %w", err)
	}
	var n uint64
	err := c.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM %s.%s WHERE version = ?",
		schema.Quote(c.opt.Database), schema.Quote(schema.SchemaVersions.Name)), uint64(schema.Version)).Scan(&n)
	if err != nil {
		return fmt.Errorf("load: migrate: read %s at %s: %w", schema.SchemaVersions.Name, c.opt.Addr, err)
	}
	if n > 0 {
		return nil
	}
	row := []any{uint64(schema.Version), time.Now().UTC(), toolVersion}
	if err := c.InsertRows(ctx, schema.SchemaVersions, [][]any{row}); err != nil {
		return fmt.Errorf("load: migrate: record version %d: %w", schema.Version, err)
	}
	c.log.Info().Int("schema_version", schema.Version).Str("database", c.opt.Database).Msg("schema migrated")
	return nil
}

// EnsureTables creates the tables that do not exist in the database and adds the columns that
// existing ones lack (per system.columns). It never drops or retypes a column: a column whose
// type differs from the definition is reported as a warning, for an operator to resolve.
// The database must exist.
//
// In cluster mode each table is a shard-local table and a Distributed table over it (see
// schema.Cluster). A replicated cluster gets ON CLUSTER DDL, sent once through the connected
// server, which must therefore be a server of the cluster: what it lacks is created on every
// server (IF NOT EXISTS), so running migrate against a server that joined later creates its
// tables. Without replication the DDL runs on every server of the cluster in turn. A table
// that exists under a Distributed table's name with another engine (the data of a single
// server) is an error: move it aside first (README, Cluster mode).
func (c *ClickHouse) EnsureTables(ctx context.Context, tables ...*schema.Table) error {
	if !c.clustered() {
		return c.ensureTables(ctx, c, tables, func(t *schema.Table) []tableDDL {
			return []tableDDL{{t.Name, t.CreateTable(c.opt.Database, c.caps), func(col schema.Column) string {
				return t.AddColumn(c.opt.Database, col, c.caps)
			}}}
		})
	}
	servers, err := c.ddlServers(ctx)
	if err != nil {
		return err
	}
	cl, db := c.opt.Cluster, c.opt.Database
	for _, s := range servers {
		engines, err := s.tableEngines(ctx)
		if err != nil {
			return err
		}
		for _, t := range tables {
			if e, ok := engines[t.Name]; ok && e != "Distributed" {
				return fmt.Errorf("cluster mode: table %s.%s at %s has engine %s, not Distributed: it holds a single server's data; "+
					"rename it out of the way, migrate, and copy its rows back (README, Cluster mode)", db, t.Name, s.opt.Addr, e)
			}
		}
		err = c.ensureTables(ctx, s, tables, func(t *schema.Table) []tableDDL {
			local := schema.LocalName(t.Name)
			return []tableDDL{
				{local, cl.CreateLocal(t, db, s.caps), func(col schema.Column) string { return cl.AddColumn(t, local, db, col, s.caps) }},
				{t.Name, cl.CreateDistributed(t, db, s.caps), func(col schema.Column) string { return cl.AddColumn(t, t.Name, db, col, s.caps) }},
			}
		})
		if err != nil {
			return fmt.Errorf("cluster %s, server %s: %w", cl.Name, s.opt.Addr, err)
		}
	}
	return nil
}

// tableDDL is one ClickHouse table of a schema table: its name, CREATE and ADD COLUMN.
type tableDDL struct {
	name   string
	create string
	add    func(schema.Column) string
}

// ensureTables creates or completes, on server s, the ClickHouse tables ddl renders for each
// schema table.
func (c *ClickHouse) ensureTables(ctx context.Context, s *ClickHouse, tables []*schema.Table, ddl func(*schema.Table) []tableDDL) error {
	have, err := s.columnTypes(ctx)
	if err != nil {
		return err
	}
	for _, t := range tables {
		for _, d := range ddl(t) {
			cols, ok := have[d.name]
			if !ok {
				if err := s.Exec(ctx, d.create); err != nil {
					return fmt.Errorf("create table %s: %w", d.name, err)
				}
				c.log.Debug().Str("table", d.name).Msg("table created")
				continue
			}
			for _, col := range t.Columns {
				typ, ok := cols[col.Name]
				if !ok {
					if err := s.Exec(ctx, d.add(col)); err != nil {
						return fmt.Errorf("add column %s.%s: %w", d.name, col.Name, err)
					}
					c.log.Info().Str("table", d.name).Str("column", col.Name).Msg("column added")
					continue
				}
				if want := s.caps.ColumnType(col); typ != want {
					c.log.Warn().Str("table", d.name).Str("column", col.Name).Str("have", typ).Str("want", want).
						Msg("column type differs from the schema; not changed")
				}
			}
		}
	}
	return nil
}

// ddlServers are the servers DDL runs on: the connected one, alone or as the initiator of ON
// CLUSTER DDL, or every server of a cluster without replication.
func (c *ClickHouse) ddlServers(ctx context.Context) ([]*ClickHouse, error) {
	if !c.clustered() || c.opt.Cluster.Replicated {
		return []*ClickHouse{c}, nil
	}
	return c.cluster.hostConns(ctx)
}

// tableEngines reads table → engine for the database from system.tables.
func (c *ClickHouse) tableEngines(ctx context.Context) (map[string]string, error) {
	rows, err := c.Query(ctx, "SELECT name, engine FROM system.tables WHERE database = ?", c.opt.Database)
	if err != nil {
		return nil, fmt.Errorf("read system.tables: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, engine string
		if err := rows.Scan(&name, &engine); err != nil {
			return nil, fmt.Errorf("read system.tables at %s: %w", c.opt.Addr, err)
		}
		out[name] = engine
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read system.tables at %s: %w", c.opt.Addr, err)
	}
	return out, nil
}

// columnTypes reads table → column → type for the database from system.columns.
func (c *ClickHouse) columnTypes(ctx context.Context) (map[string]map[string]string, error) {
	rows, err := c.Query(ctx, "SELECT table, name, type FROM system.columns WHERE database = ?", c.opt.Database)
	if err != nil {
		return nil, fmt.Errorf("read system.columns: %w", err)
	}
	defer rows.Close()
	out := map[string]map[string]string{}
	for rows.Next() {
		var table, name, typ string
		if err := rows.Scan(&table, &name, &typ); err != nil {
			return nil, fmt.Errorf("read system.columns at %s: %w", c.opt.Addr, err)
		}
		if out[table] == nil {
			out[table] = map[string]string{}
		}
		out[table][name] = typ
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read system.columns at %s: %w", c.opt.Addr, err)
	}
	return out, nil
}

// ensureViews recreates every view (views hold no data; recreating keeps their definitions in
// step with this build). Views are created in order, so a view may read an earlier one. In
// cluster mode they are created ON CLUSTER (or on every server) over the Distributed tables,
// with GLOBAL joins (schema.ClusterQuery).
func (c *ClickHouse) ensureViews(ctx context.Context, views []schema.View) error {
	servers, err := c.ddlServers(ctx)
	if err != nil {
		return err
	}
	cl, db := c.opt.Cluster, c.opt.Database
	for _, s := range servers {
		for _, v := range views {
			drop, create := cl.DropView(db, v.Name), v.SQL(db)
			if c.clustered() {
				create = cl.CreateView(v, db, s.caps)
			}
			if err := s.Exec(ctx, drop); err != nil {
				return fmt.Errorf("drop view %s: %w", v.Name, err)
			}
			if err := s.Exec(ctx, create); err != nil {
				return fmt.Errorf("create view %s: %w", v.Name, err)
			}
		}
	}
	return nil
}

// ensureDatabase creates the database where it is missing: on the connected server, or in
// cluster mode on every server of the cluster (ON CLUSTER when replicated).
func (c *ClickHouse) ensureDatabase(ctx context.Context) error {
	servers, err := c.ddlServers(ctx)
	if err != nil {
		return err
	}
	for _, s := range servers {
		if err := s.Exec(ctx, c.opt.Cluster.CreateDatabase(c.opt.Database)); err != nil {
			return fmt.Errorf("create database %s: %w", c.opt.Database, err)
		}
	}
	return nil
}
