/**
 * A local stack for one test file, on a fresh copy of the migrated template database,
 * with a clock the test can move. Users sign in with the real supabase-js client.
 */
import { readFileSync } from "node:fs";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import postgres from "postgres";
import { WebSocket } from "ws";
import { configFromEnv } from "../../backend/local/config.ts";
import { openPglite, openPostgres, type LocalDatabase } from "../../backend/local/database.ts";
import { startLocalStack, type Clock, type LocalStack } from "../../backend/local/server.ts";
import { type DatabaseKind, PGLITE_TEMPLATE, TEMPLATE_DB, withDatabase } from "./databases.ts";

export class ManualClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface CallResult<T = any> {
  status: number;
  body: T;
}

export interface TestUser {
  client: SupabaseClient;
  userId: string;
  accessToken: string;
  /** Calls a function through supabase-js; returns `data` of the answer or throws with the error body. */
  invoke<T = any>(name: string, body?: unknown): Promise<T>;
  /** Calls a function with fetch and returns status and parsed body, for error cases. */
  call<T = any>(name: string, body?: unknown, init?: { rawBody?: string; token?: string | null }): Promise<CallResult<T>>;
}

export interface TestStack {
  kind: DatabaseKind;
  stack: LocalStack;
  clock: ManualClock;
  db: LocalDatabase;
  signIn(): Promise<TestUser>;
  /** Row counts of the tables a failed request must leave untouched. */
  snapshot(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export async function startTestStack(kind: DatabaseKind, postgresUrl?: string): Promise<TestStack> {
  let db: LocalDatabase;
  let dropDatabase = async () => {};
  if (kind === "pglite") {
    db = await openPglite("memory://", new Blob([readFileSync(PGLITE_TEMPLATE)]));
  } else {
    if (!postgresUrl) throw new Error("no PostgreSQL available");
    const name = `wt_${Math.random().toString(36).slice(2, 10)}`;
    const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${TEMPLATE_DB}`);
    db = await openPostgres(withDatabase(postgresUrl, name));
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const clock = new ManualClock();
  const config = { ...configFromEnv({}), port: 0, cleanupIntervalSeconds: 0 };
  const stack = await startLocalStack({ config, db, clock, log: (l) => console.log(l) });
  const clients: SupabaseClient[] = [];

  async function signIn(): Promise<TestUser> {
    const client = createClient(stack.url, stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
    clients.push(client);
    const { data, error } = await client.auth.signInAnonymously();
    if (error || !data.session || !data.user) throw error ?? new Error("no session");
    const accessToken = data.session.access_token;
    return {
      client,
      userId: data.user.id,
      accessToken,
      async invoke(name, body) {
        const { data: answer, error: failure } = await client.functions.invoke(name, { body: body as never });
        if (failure) {
          const context = (failure as { context?: Response }).context;
          const detail = context ? await context.text() : "";
          throw new Error(`${name} failed: ${failure.message} ${detail}`);
        }
        return (answer as { data: never }).data;
      },
      async call(name, body, init = {}) {
        const headers: Record<string, string> = { "content-type": "application/json", apikey: stack.anonKey };
        const token = init.token === undefined ? accessToken : init.token;
        if (token !== null) headers.authorization = `Bearer ${token}`;
        const res = await fetch(`${stack.url}/functions/v1/${name}`, {
          method: "POST",
          headers,
          body: init.rawBody ?? JSON.stringify(body ?? {}),
        });
        const text = await res.text();
        return { status: res.status, body: text ? JSON.parse(text) : null };
      },
    };
  }

  async function snapshot(): Promise<Record<string, number>> {
    const [row] = await db.query<Record<string, number>>(
      `select (select count(*) from public.rooms)::int as rooms,
              (select count(*) from public.room_members)::int as members,
              (select count(*) from public.comments)::int as comments,
              (select count(*) from public.sync_states)::int as sync_states,
              (select coalesce(sum(state_seq), 0) from public.rooms)::int as state_seq_total,
              (select count(*) from public.room_members where role = 'host')::int as hosts`,
    );
    return row;
  }

  return {
    kind,
    stack,
    clock,
    db,
    signIn,
    snapshot,
    async close() {
      await Promise.all(clients.map((c) => c.removeAllChannels()));
      await stack.close();
      await dropDatabase();
    },
  };
}

/** The database kinds to run a suite on: PGlite always, PostgreSQL when reachable. */
export function databaseKinds(postgresUrl: string | undefined): DatabaseKind[] {
  return postgresUrl ? ["pglite", "postgresql"] : ["pglite"];
}
