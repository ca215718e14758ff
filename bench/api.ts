/**
 * `npm run bench:api`: load-tests the rooms-join and comments-create edge functions on the
 * local stack, on PGlite and (when reachable) PostgreSQL, at an open-loop 200 requests/s,
 * prints latency percentiles and writes them to docs/benchmarks.md.
 *
 *   npx tsx bench/api.ts [--runs N] [--rate 200] [--duration 10] [--warmup 2]
 *                        [--db pglite,postgresql] [--max-wait 300] [--profile-sql] [--no-docs]
 *
 * Before each load it waits (up to --max-wait seconds; 0 skips) for other processes to
 * use less than 15% of the CPU, since the stack, the load generator and PostgreSQL all
 * share this machine.
 *
 * Exits non-zero only when something crashes; a missed target is a result, not a failure.
 */
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { configFromEnv } from "../backend/local/config.ts";
import { startLocalStack } from "../backend/local/server.ts";
import { disposeAll, findPostgres, openBenchDatabase, postgresVersion, type BenchDatabaseKind } from "./support/bench-database.ts";
import { createRooms } from "./support/fixtures.ts";
import { measureLoad } from "./support/measure-load.ts";
import { consoleTable, methodNote, section, writeSection, type ResultRow } from "./support/report.ts";
import { COMMENTS_PER_USER, JOINS_PER_USER, prepareComments, prepareJoins, type Endpoint, type PreparedLoad } from "./support/scenarios.ts";
import { timeQueries } from "./support/sql-timing.ts";
import { combineRuns, type Summary } from "./support/stats.ts";

const DOCS_FILE = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url));
const ROOMS = 100;
const ENDPOINTS: Endpoint[] = ["rooms-join", "comments-create"];
const DB_LABEL: Record<BenchDatabaseKind, string> = { pglite: "PGlite (in memory)", postgresql: "PostgreSQL" };

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "1" },
    rate: { type: "string", default: "200" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    db: { type: "string", default: "pglite,postgresql" },
    "max-wait": { type: "string", default: "300" },
    "profile-sql": { type: "boolean", default: false },
    "no-docs": { type: "boolean", default: false },
  },
});
const runs = Math.round(positive("runs"));
const rate = positive("rate");
const duration = positive("duration");
const warmup = Number(args.warmup);
if (!(warmup >= 0)) throw new Error(`--warmup must be zero or more seconds, got ${args.warmup}`);
const maxWaitMs = Number(args["max-wait"]) * 1000;
if (!(maxWaitMs >= 0)) throw new Error(`--max-wait must be zero or more seconds, got ${args["max-wait"]}`);
const warmupRequests = Math.round(rate * warmup);
const total = warmupRequests + Math.round(rate * duration);

function positive(name: "runs" | "rate" | "duration"): number {
  const n = Number(args[name]);
  if (!(n > 0)) throw new Error(`--${name} must be a positive number, got ${args[name]}`);
  return n;
}

/** One run on one database kind: a fresh database and stack, both loads one after the other. */
async function runOnce(kind: BenchDatabaseKind, postgresUrl: string | undefined): Promise<Map<Endpoint, Summary>> {
  const bench = await openBenchDatabase(kind, postgresUrl);
  const timing = args["profile-sql"] ? timeQueries(bench.db) : undefined;
  const config = { ...configFromEnv({}), port: 0, cleanupIntervalSeconds: 0 };
  const stack = await startLocalStack({ config, db: timing?.db ?? bench.db, log: (line) => console.error(`  [stack] ${line}`) });
  const results = new Map<Endpoint, Summary>();
  try {
    const rooms = await createRooms(stack, ROOMS);
    const loads: PreparedLoad[] = [await prepareJoins(stack, rooms, total), await prepareComments(stack, rooms, total)];
    for (const load of loads) {
      results.set(load.endpoint, await measureLoad(stack, load, { ratePerSecond: rate, warmupRequests, maxWaitMs, timing }));
    }
  } finally {
    await stack.close();
    await bench.dispose();
  }
  return results;
}

async function main(): Promise<void> {
  // The stack, the load generator and PostgreSQL share this machine's cores: anything
  // else running skews the tail latencies, so say so.
  const loadAtStart = loadavg()[0];
  if (loadAtStart > cpus().length / 4) {
    console.log(`Warning: load average is ${loadAtStart.toFixed(2)} on ${cpus().length} cores; other work will skew the results.`);
  }
  const wanted = args.db.split(",").map((s) => s.trim()) as BenchDatabaseKind[];
  const unknown = wanted.filter((k) => !(k in DB_LABEL));
  if (unknown.length) throw new Error(`--db takes pglite and/or postgresql, got ${unknown.join(", ")}`);
  const postgresUrl = wanted.includes("postgresql") ? await findPostgres() : undefined;
  const kinds = wanted.filter((k) => k === "pglite" || (k === "postgresql" && postgresUrl));
  if (wanted.includes("postgresql") && !postgresUrl) {
    console.log("Note: no PostgreSQL reachable (BENCH_DATABASE_URL, DATABASE_URL or 127.0.0.1:5432); benchmarking PGlite only.");
  }
  const pgVersion = postgresUrl && kinds.includes("postgresql") ? await postgresVersion(postgresUrl) : "";
  const rows: ResultRow[] = [];
  for (const kind of kinds) {
    const perEndpoint = new Map<Endpoint, Summary[]>(ENDPOINTS.map((e) => [e, []]));
    for (let run = 1; run <= runs; run++) {
      console.log(`${DB_LABEL[kind]}, run ${run}/${runs}: ${rate}/s open-loop, ${warmup} s warm-up + ${duration} s per endpoint`);
      for (const [endpoint, summary] of await runOnce(kind, postgresUrl)) perEndpoint.get(endpoint)!.push(summary);
    }
    for (const endpoint of ENDPOINTS) rows.push({ endpoint, database: DB_LABEL[kind], summary: combineRuns(perEndpoint.get(endpoint)!) });
  }

  console.log(`\n${consoleTable(rows)}`);
  if (args["no-docs"]) return;
  const cores = cpus();
  const joinUsers = Math.ceil(total / Math.min(JOINS_PER_USER, ROOMS));
  const commentUsers = Math.ceil(total / COMMENTS_PER_USER);
  writeSection(DOCS_FILE, section(rows, {
    date: `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    machine: `${cores.length} × ${cores[0]?.model.trim() ?? "unknown CPU"}, Node ${process.version}, ${process.platform}/${process.arch}` +
      (pgVersion ? `, ${pgVersion} on the same machine` : "") +
      `; load average ${loadAtStart.toFixed(2)} before the run`,
    runs,
    method: methodNote({ rate, duration, warmup, rooms: ROOMS, joinUsers, joinsPerUser: Math.min(JOINS_PER_USER, ROOMS), commentUsers, commentsPerUser: COMMENTS_PER_USER }),
  }));
  console.log(`\nWrote the bench:api section of ${DOCS_FILE}`);
}

// Ctrl-C: still drop the wbench_* databases.
process.once("SIGINT", () => {
  console.log("\nInterrupted: dropping benchmark databases.");
  void disposeAll().finally(() => process.exit(130));
});

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
