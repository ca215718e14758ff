/**
 * The database as handlers see it: one method, parameterised SQL in, rows out. On
 * Supabase it is postgres.js over SUPABASE_DB_URL; in the local stack PGlite or
 * postgres.js. Multi-step work happens inside SQL functions, so each call is atomic.
 */
import { fromDatabaseError } from "./errors.ts";

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/** Runs a query whose single row has a single jsonb column, mapping SQL errors to API errors. */
export async function callJson<T>(db: Sql, text: string, params: unknown[]): Promise<T> {
  try {
    const rows = await db.query<{ result: T }>(text, params);
    return rows[0].result;
  } catch (err) {
    throw fromDatabaseError(err);
  }
}

/** Like db.query, mapping SQL errors that are the caller's fault to API errors. */
export async function queryRows<T>(db: Sql, text: string, params: unknown[] = []): Promise<T[]> {
  try {
    return await db.query<T>(text, params);
  } catch (err) {
    throw fromDatabaseError(err);
  }
}
