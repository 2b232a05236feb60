import type { PoolClient } from "pg";

/**
 * With DATABASE_MIGRATION_URL, the migration role owns every table and RecDesk serves as a second role that
 * may use the tables but not rewrite history: on audit_records only SELECT and INSERT (an outcome is written
 * through audit_finish(), drizzle/0005, which runs as the owner and only ever fills a pending record once).
 * Not the owner, it cannot ALTER the table or disable its trigger either. Run after every migration, so a table
 * added later is granted too; the README gives the same statements for doing it by hand.
 */
export function runtimeGrantStatements(role: string): string[] {
  const r = quoteIdent(role);
  return [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_records FROM ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `GRANT EXECUTE ON FUNCTION audit_finish(jsonb) TO ${r}`,
  ];
}

/** Grants the runtime role (the pool's `current_user`) what it needs; nothing when it is the owner itself. */
export async function grantRuntimeRole(owner: PoolClient, runtimeRole: string): Promise<void> {
  const { rows } = await owner.query<{ owner: string }>("select current_user as owner");
  if (rows[0]?.owner === runtimeRole) return;
  for (const statement of runtimeGrantStatements(runtimeRole)) await owner.query(statement);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
