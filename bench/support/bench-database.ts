/**
 * A fresh, migrated database for one benchmark run: PGlite in memory, or a throwaway
 * `wbench_<random>` database on a PostgreSQL server, dropped again by dispose().
 */
import postgres from "postgres";
import { canConnect, openPglite, openPostgres, type LocalDatabase } from "../../backend/local/database.ts";
import { migrate } from "../../backend/local/migrate.ts";

export type BenchDatabaseKind = "pglite" | "postgresql";

export const DEFAULT_POSTGRES_URL = "postgres://watchium:watchium@127.0.0.1:5432/postgres";

export interface BenchDatabase {
  kind: BenchDatabaseKind;
  db: LocalDatabase;
  /** Closes nothing the stack owns: call after stack.close(), which closes `db`. */
  dispose(): Promise<void>;
}

/** The admin URL of a reachable PostgreSQL server (BENCH_DATABASE_URL, DATABASE_URL or the default), or undefined. */
export async function findPostgres(env = process.env): Promise<string | undefined> {
  const url = env.BENCH_DATABASE_URL || env.DATABASE_URL || DEFAULT_POSTGRES_URL;
  return (await canConnect(url)) ? url : undefined;
}

/** The server's version, e.g. "PostgreSQL 15.18", or "PostgreSQL" if it cannot be read. */
export async function postgresVersion(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ v: string }[]>`select current_setting('server_version') as v`;
    return `PostgreSQL ${row.v.split(" ")[0]}`;
  } catch {
    return "PostgreSQL";
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** Drops of databases not yet disposed, so an interrupted run can still clean up. */
const pendingDrops = new Set<() => Promise<void>>();

/** Drops every benchmark database still there (for SIGINT). */
export async function disposeAll(): Promise<void> {
  await Promise.allSettled([...pendingDrops].map((drop) => drop()));
}

export async function openBenchDatabase(kind: BenchDatabaseKind, postgresUrl?: string): Promise<BenchDatabase> {
  if (kind === "pglite") {
    const db = await openPglite("memory://");
    await migrate(db);
    return { kind, db, dispose: async () => {} };
  }
  if (!postgresUrl) throw new Error("no PostgreSQL server to benchmark on");
  const name = `wbench_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const drop = async () => {
    if (!pendingDrops.delete(drop)) return;
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  };
  pendingDrops.add(drop);
  try {
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    const db = await openPostgres(url.toString());
    await migrate(db);
    return { kind, db, dispose: drop };
  } catch (err) {
    await drop();
    throw err;
  }
}
