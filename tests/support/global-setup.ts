/**
 * Runs once before all suites: builds migrated database templates so each test file
 * gets a fresh database in a fraction of a second instead of re-running initdb.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "../../backend/local/database.ts";
import { migrate } from "../../backend/local/migrate.ts";
import { findPostgres, PGLITE_TEMPLATE, TEMPLATE_DB, withDatabase } from "./databases.ts";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string | undefined;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const pglite = await openPglite("memory://");
  await migrate(pglite);
  const dump = await pglite.dumpDataDir!();
  mkdirSync(dirname(PGLITE_TEMPLATE), { recursive: true });
  writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();

  const url = await findPostgres();
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE_DB}`);
    await admin.end();
    const db = await openPostgres(withDatabase(url, TEMPLATE_DB));
    await migrate(db);
    await db.close();
  } else {
    console.warn("No PostgreSQL reachable: backend suites run on PGlite only. Start one (see README) to cover both.");
  }
  project.provide("postgresUrl", url);
}
