/**
 * Prepares a database the way a Supabase project looks: the bootstrap (roles, auth and
 * realtime schemas), then every file of backend/supabase/migrations not applied yet,
 * unchanged and in name order, each in its own transaction.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LocalDatabase } from "./database.ts";

const HERE = fileURLToPath(new URL(".", import.meta.url));
export const MIGRATIONS_DIR = join(HERE, "../supabase/migrations");

export async function migrate(db: LocalDatabase): Promise<string[]> {
  await bootstrap(db);
  const done = new Set(
    (await db.query<{ version: string }>("select version from supabase_migrations.schema_migrations")).map(
      (r) => r.version,
    ),
  );
  const applied: string[] = [];
  for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith(".sql")).sort()) {
    const [version, ...rest] = file.replace(/\.sql$/, "").split("_");
    if (done.has(version)) continue;
    const name = rest.join("_").replace(/[^a-z0-9_]/gi, "");
    const script = readFileSync(join(MIGRATIONS_DIR, file), "utf8");
    const record = `insert into supabase_migrations.schema_migrations (version, name) values ('${version.replace(/\D/g, "")}', '${name}');`;
    try {
      await db.execInTransaction(`${script}\n;\n${record}`);
    } catch (err) {
      throw new Error(`Migration ${file} failed: ${(err as Error).message}`);
    }
    applied.push(file);
  }
  return applied;
}

/**
 * Runs bootstrap.sql unless this exact version already ran (recorded like a migration),
 * which keeps a restart of an existing database fast.
 */
async function bootstrap(db: LocalDatabase): Promise<void> {
  const script = readFileSync(join(HERE, "bootstrap.sql"), "utf8");
  const version = `bootstrap-${createHash("sha256").update(script).digest("hex").slice(0, 16)}`;
  try {
    const done = await db.query("select 1 from supabase_migrations.schema_migrations where version = $1", [version]);
    if (done.length > 0) return;
  } catch {
    // A new database: the table does not exist yet.
  }
  await db.exec(script);
  await db.query("insert into supabase_migrations.schema_migrations (version, name) values ($1, 'local_bootstrap') on conflict do nothing", [version]);
}
