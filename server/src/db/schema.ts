// The database's tables as Kysely sees them. Each area declares its own tables next to its code
// and adds them here. Conventions (both SQLite and PostgreSQL): ids are text (UUIDs), times are
// epoch milliseconds in `bigint` columns (read back as numbers), booleans are integers 0/1.
export interface SchemaMeta {
  key: string;
  value: string;
}

export interface Tables {
  schema_meta: SchemaMeta;
}
