/** The Sql interface over postgres.js, used on Supabase (SUPABASE_DB_URL) and for a real PostgreSQL locally. */
import postgres from "postgres";
import type { Sql } from "./db.ts";

export interface PostgresSql extends Sql {
  close(): Promise<void>;
}

export function postgresSql(url: string, options: { max?: number } = {}): PostgresSql {
  // prepare: false keeps it working behind Supabase's transaction-mode pooler.
  const sql = postgres(url, { max: options.max ?? 5, prepare: false, onnotice: () => {} });
  return {
    query: async <T>(text: string, params: unknown[] = []) =>
      (await sql.unsafe(text, params as never[])) as unknown as T[],
    close: () => sql.end({ timeout: 5 }),
  };
}
