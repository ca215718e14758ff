/**
 * The results as a console table and as the `bench:api` section of docs/benchmarks.md,
 * which is replaced in place so other benchmarks' sections stay as they are.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Summary } from "./stats.ts";

export const P99_TARGET_MS = 20;
const START = "<!-- bench:api:start -->";
const END = "<!-- bench:api:end -->";
const INTRO = `Performance measurements of Watchium's backend. Each section is written by the script named
in it and replaced when that script runs again; numbers depend on the machine, so compare
runs made on the same one.`;

export interface ResultRow {
  endpoint: string;
  database: string;
  summary: Summary;
}

export interface ReportContext {
  date: string;
  machine: string;
  runs: number;
  /** How the numbers were produced, one paragraph of markdown. */
  method: string;
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");
const pct = (v: number) => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : "–");

/** Above this share of the CPU taken by other processes, a row's latencies are suspect. */
export const BUSY_MACHINE = 0.1;

export function verdict(s: Summary): string {
  const busy = s.otherCpu > BUSY_MACHINE ? " ⚠ busy machine" : "";
  if (s.errors > 0) return `❌ ${s.errors} error(s)${busy}`;
  return (s.p99 <= P99_TARGET_MS ? "✅ meets" : `❌ misses (${ms(s.p99)} ms)`) + busy;
}

export function markdownTable(rows: readonly ResultRow[]): string {
  const lines = [
    `| Endpoint | Database | Sent | Errors | Throughput (resp/s) | p50 ms | p90 ms | p99 ms | max ms | Other CPU | p99 ≤ ${P99_TARGET_MS} ms |`,
    "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
  ];
  for (const { endpoint, database, summary: s } of rows) {
    lines.push(`| \`${endpoint}\` | ${database} | ${s.sent} | ${s.errors} | ${s.throughput.toFixed(1)} | ${ms(s.p50)} | ${ms(s.p90)} | ${ms(s.p99)} | ${ms(s.max)} | ${pct(s.otherCpu)} | ${verdict(s)} |`);
  }
  return lines.join("\n");
}

export function consoleTable(rows: readonly ResultRow[]): string {
  const head = ["endpoint", "database", "sent", "errors", "resp/s", "p50", "p90", "p99", "max", "other cpu", "verdict"];
  const body = rows.map(({ endpoint, database, summary: s }) =>
    [endpoint, database, String(s.sent), String(s.errors), s.throughput.toFixed(1), ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max), pct(s.otherCpu), verdict(s)]
  );
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((r) => r[c].length)));
  return [head, ...body].map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join("  ")).join("\n");
}

export function section(rows: readonly ResultRow[], ctx: ReportContext): string {
  return `${START}
## Edge-function API under load

- Command: \`npm run bench:api\` (\`--runs N\` reports the median of N runs)
- Date: ${ctx.date}
- Machine: ${ctx.machine}
- Runs: ${ctx.runs}${ctx.runs > 1 ? " (latencies and throughput are medians over runs; sent and errors are totals)" : ""}
- Target: p99 ≤ ${P99_TARGET_MS} ms with no errors, per endpoint and database

${markdownTable(rows)}

${ctx.method}
${END}`;
}

export interface MethodParams {
  rate: number;
  duration: number;
  warmup: number;
  rooms: number;
  joinUsers: number;
  joinsPerUser: number;
  commentUsers: number;
  commentsPerUser: number;
}

/** The paragraph saying how the numbers were produced. */
export function methodNote(p: MethodParams): string {
  return `How: each run starts the local stack in-process (\`startLocalStack\`, port 0, cleanup timer off) on a fresh
migrated database — PGlite in memory, and a throwaway \`wbench_*\` database on the PostgreSQL server —
and calls it over real HTTP (node:http, keep-alive) from a worker thread. The load is open-loop:
requests leave on a fixed timetable of ${p.rate}/s whether or not earlier ones have answered, and latency
runs from each request's scheduled send time to the end of its response, so queueing is counted.
Each endpoint is loaded on its own for ${p.duration} s after a ${p.warmup} s warm-up; *Sent* counts the measured
requests, *Errors* every non-200 answer including the warm-up's. \`rooms-join\`: ${p.joinUsers} anonymous users,
each joining up to ${p.joinsPerUser} of ${p.rooms} public rooms (every request a new membership, which counts toward
the limit). \`comments-create\`: ${p.commentUsers} users, each a member of one of those rooms beforehand, posting up
to ${p.commentsPerUser} comments each with a \`client_id\`. No user comes near the rate limits (room management 20/h,
comments 5/min). Each load starts, and the stack closes, only once the local Realtime server has
delivered every event the previous work queued (\`realtime.messages\` empty). The stack, the load
generator and PostgreSQL share the machine's cores, so other work on it shows in the tails: each load
waits (up to 300 s by default) for other processes to use under 15 % of the CPU, and *Other CPU* is the
share of all cores they used during the load (from /proc; PostgreSQL backends serving the benchmark
count as the benchmark's). Above ~10 % there, the numbers overstate the stack's latency.`;
}

/** Writes or replaces the section in `file`, creating the file with a title and intro if needed. */
export function writeSection(file: string, content: string): void {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `# Benchmarks\n\n${INTRO}\n\n${content}\n`);
    return;
  }
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(START);
  const end = text.indexOf(END, start);
  const next = start >= 0 && end >= 0
    ? text.slice(0, start) + content + text.slice(end + END.length)
    : `${text.replace(/\s*$/, "")}\n\n${content}\n`;
  writeFileSync(file, next);
}
