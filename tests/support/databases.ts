/**
 * The databases the backend suites run on: PGlite always, PostgreSQL when one is
 * reachable (DATABASE_URL, or the local server that .ci/run starts).
 */
import { canConnect } from "../../backend/local/database.ts";

export const TEMPLATE_DB = "watchium_test_template";
export const PGLITE_TEMPLATE = ".watchium/test/pglite-template.tar.gz";
export const DEFAULT_TEST_PG_URL = "postgres://watchium:watchium@127.0.0.1:5432/postgres";

export type DatabaseKind = "pglite" | "postgresql";

/** The admin URL of a reachable PostgreSQL, or undefined. */
export async function findPostgres(): Promise<string | undefined> {
  const url = process.env.DATABASE_URL || DEFAULT_TEST_PG_URL;
  return (await canConnect(url)) ? url : undefined;
}

/** The same server's URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
