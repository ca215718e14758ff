/**
 * Opens the local stack's database: PGlite (embedded, the default) or a real
 * PostgreSQL through postgres.js. Both give the same Sql interface the handlers use,
 * plus what the stack itself needs (multi-statement scripts, LISTEN, close).
 */
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import type { Sql } from "../supabase/functions/_shared/db.ts";

export interface LocalDatabase extends Sql {
  readonly kind: "pglite" | "postgresql";
  /** Runs a script of several statements (migrations). */
  exec(script: string): Promise<void>;
  /** Runs a script of several statements in one transaction. */
  execInTransaction(script: string): Promise<void>;
  /** Runs fn inside a transaction that is always rolled back (authorization probes). */
  withRollback<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Subscribes to NOTIFY on a channel; resolves to an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (test templates). */
  dumpDataDir?(): Promise<Blob>;
}

/**
 * PGlite runs PostgreSQL on Node's main thread, so anything slow inside it stalls every
 * request. A new 16 MB WAL segment is zero-filled by default (in memory:// that grows the
 * file a block at a time): a 60–230 ms stall every 16 MB of WAL, which under load is most
 * of the latency tail. Without the zero-fill PostgreSQL writes the segment's last byte and
 * fills it as WAL arrives; PGlite is single-process and single-user, so the crash-safety
 * the zero-fill guards (space reserved up front on a shared disk) is not worth the stall.
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, "-c", "wal_init_zero=off"];

export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<LocalDatabase> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, { startParams: PGLITE_START_PARAMS, ...(loadDataDir ? { loadDataDir } : {}) });
  return {
    kind: "pglite",
    query: async <T>(text: string, params: unknown[] = []) => (await db.query<T>(text, params)).rows,
    exec: async (script) => {
      await db.exec(script);
    },
    execInTransaction: async (script) => {
      await db.transaction(async (tx) => {
        await tx.exec(script);
      });
    },
    withRollback: async <T>(fn: (tx: Sql) => Promise<T>) => {
      let result: T | undefined;
      await db.transaction(async (tx) => {
        try {
          result = await fn({ query: async <R>(text: string, params: unknown[] = []) => (await tx.query<R>(text, params)).rows });
        } finally {
          await tx.rollback();
        }
      });
      return result as T;
    },
    listen: async (channel, onPayload) => {
      const unsubscribe = await db.listen(channel, onPayload);
      return unsubscribe;
    },
    close: () => db.close(),
    dumpDataDir: () => db.dumpDataDir("gzip"),
  };
}

export async function openPostgres(url: string): Promise<LocalDatabase> {
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  await sql`select 1`; // fail fast with a clear error if the server is not there
  return {
    kind: "postgresql",
    query: async <T>(text: string, params: unknown[] = []) =>
      (await sql.unsafe(text, params as never[])) as unknown as T[],
    exec: async (script) => {
      await sql.unsafe(script);
    },
    execInTransaction: async (script) => {
      await sql.begin(async (tx) => {
        await tx.unsafe(script);
      });
    },
    withRollback: async <T>(fn: (tx: Sql) => Promise<T>) => {
      const rollback = Symbol("rollback");
      let result: T | undefined;
      try {
        await sql.begin(async (tx) => {
          result = await fn({ query: async <R>(text: string, params: unknown[] = []) => (await tx.unsafe(text, params as never[])) as unknown as R[] });
          throw rollback;
        });
      } catch (err) {
        if (err !== rollback) throw err;
      }
      return result as T;
    },
    listen: async (channel, onPayload) => {
      const { unlisten } = await sql.listen(channel, onPayload);
      return unlisten;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/** Whether a PostgreSQL server answers at this URL (within 2 s). */
export async function canConnect(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}
