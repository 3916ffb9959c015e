package load

import (
	"context"
	"fmt"
	"time"

	"github.com/ccwh/ccwh/schema"
)

// Migrate brings the database to schema.Version: it creates the database, every internal table
// and every data table, adds the columns an existing table lacks, and records the version in
// _ccwh_schema once. Running it again changes nothing.
func (c *ClickHouse) Migrate(ctx context.Context, toolVersion string) error {
	if err := c.Exec(ctx, schema.CreateDatabase(c.opt.Database)); err != nil {
		return fmt.Errorf("load: migrate: create database %s: %w", c.opt.Database, err)
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
func (c *ClickHouse) EnsureTables(ctx context.Context, tables ...*schema.Table) error {
	have, err := c.columnTypes(ctx)
	if err != nil {
		return err
	}
	for _, t := range tables {
		cols, ok := have[t.Name]
		if !ok {
			if err := c.Exec(ctx, t.CreateTable(c.opt.Database, c.caps)); err != nil {
				return fmt.Errorf("create table %s: %w", t.Name, err)
			}
			c.log.Debug().Str("table", t.Name).Msg("table created")
			continue
		}
		for _, col := range t.Columns {
			typ, ok := cols[col.Name]
			if !ok {
				if err := c.Exec(ctx, t.AddColumn(c.opt.Database, col, c.caps)); err != nil {
					return fmt.Errorf("add column %s.%s: %w", t.Name, col.Name, err)
				}
				c.log.Info().Str("table", t.Name).Str("column", col.Name).Msg("column added")
				continue
			}
			if want := c.caps.ColumnType(col); typ != want {
				c.log.Warn().Str("table", t.Name).Str("column", col.Name).Str("have", typ).Str("want", want).
					Msg("column type differs from the schema; not changed")
			}
		}
	}
	return nil
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
// step with this build). Views are created in order, so a view may read an earlier one.
func (c *ClickHouse) ensureViews(ctx context.Context, views []schema.View) error {
	for _, v := range views {
		drop := fmt.Sprintf("DROP TABLE IF EXISTS %s.%s", schema.Quote(c.opt.Database), schema.Quote(v.Name))
		if err := c.Exec(ctx, drop); err != nil {
			return fmt.Errorf("drop view %s: %w", v.Name, err)
		}
		if err := c.Exec(ctx, v.SQL(c.opt.Database)); err != nil {
			return fmt.Errorf("create view %s: %w", v.Name, err)
		}
	}
	return nil
}
