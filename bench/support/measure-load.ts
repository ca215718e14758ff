/**
 * Measures one prepared load against a running stack: waits for the stack and the machine
 * to be idle, runs the open-loop timetable, and summarises it, printing what it saw.
 */
import type { LocalStack } from "../../backend/local/server.ts";
import { QUIET_SHARE, startCpuMeter, waitForQuietMachine } from "./cpu-share.ts";
import { runOpenLoop } from "./open-loop.ts";
import type { PreparedLoad } from "./scenarios.ts";
import { waitForRealtimeDrain } from "./settle.ts";
import { formatSqlStats, type TimedDatabase } from "./sql-timing.ts";
import { percentile, summarize, type Summary } from "./stats.ts";

export interface MeasureOptions {
  ratePerSecond: number;
  warmupRequests: number;
  /** How long to wait for other processes to calm down before the load (0: do not wait). */
  maxWaitMs: number;
  /** Set when --profile-sql wraps the stack's database. */
  timing?: TimedDatabase;
}

/** PostgreSQL backends serving the stack's database, whose CPU counts as the benchmark's. */
async function backendPids(stack: LocalStack): Promise<number[]> {
  if (stack.db.kind !== "postgresql") return []; // PGlite's "backend" is this process
  const rows = await stack.db.query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database()");
  return rows.map((r) => r.pid);
}

export async function measureLoad(stack: LocalStack, load: PreparedLoad, opts: MeasureOptions): Promise<Summary> {
  const { ratePerSecond, warmupRequests, maxWaitMs, timing } = opts;
  await waitForRealtimeDrain(stack.db);
  const quiet = await waitForQuietMachine(maxWaitMs, (share) =>
    console.log(`  other processes use ${(share * 100).toFixed(0)}% of the CPU; waiting up to ${maxWaitMs / 1000} s for < ${QUIET_SHARE * 100}%`));
  if (!quiet && maxWaitMs > 0) console.log("  the machine is still busy; measuring anyway");

  timing?.take();
  const meter = startCpuMeter(await backendPids(stack));
  const result = await runOpenLoop({
    origin: stack.url,
    anonKey: stack.anonKey,
    ratePerSecond,
    warmupRequests,
    requests: load.requests,
    timeoutMs: 30_000,
  });
  const otherCpu = meter.stop(await backendPids(stack));
  const errors = result.status.filter((s) => s !== 200).length;
  const summary = summarize(result.latencyMs.slice(warmupRequests), errors, result.measuredWindowMs, otherCpu);

  const lag = result.sendLagMs.slice(warmupRequests).sort((a, b) => a - b);
  console.log(`  ${load.endpoint}: ${load.users} users, p50 ${summary.p50.toFixed(1)} ms, p99 ${summary.p99.toFixed(1)} ms, ` +
    `${summary.throughput.toFixed(1)} resp/s, ${errors} error(s); generator lag p99 ${percentile(lag, 99).toFixed(1)} ms, ` +
    `busy ${(result.generatorUtilization * 100).toFixed(0)}%; other processes used ${(otherCpu * 100).toFixed(0)}% of the CPU`);
  if (result.firstError) {
    console.log(`  first error (request ${result.firstError.index}, status ${result.firstError.status}): ${result.firstError.body}`);
  }
  const drainMs = await waitForRealtimeDrain(stack.db);
  if (drainMs > 500) console.log(`  realtime backlog took ${(drainMs / 1000).toFixed(1)} s to drain after the load`);
  if (timing) console.log(`  SQL time during ${load.endpoint} (warm-up and drain included):\n${formatSqlStats(timing.take())}`);
  return summary;
}
