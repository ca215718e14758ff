import { configFromEnv } from "../backend/local/config.ts";
import { startLocalStack } from "../backend/local/server.ts";
import { openBenchDatabase } from "./support/bench-database.ts";
import { createRooms } from "./support/fixtures.ts";
import { runOpenLoop } from "./support/open-loop.ts";
import { prepareComments, prepareJoins } from "./support/scenarios.ts";
import { summarize } from "./support/stats.ts";
import { monitorEventLoopDelay } from "node:perf_hooks";

const kind = (process.argv[2] ?? "pglite") as "pglite" | "postgresql";
const bench = await openBenchDatabase(kind, "postgres://watchium:watchium@127.0.0.1:5432/postgres");
const inner = bench.db;
const t0 = performance.now();
const slow: string[] = [];
const db = { ...inner, kind: inner.kind, async query(text: string, params?: unknown[]) {
  const s = performance.now();
  try { return await inner.query(text, params); } finally {
    const ms = performance.now() - s;
    if (ms > 50) slow.push(`${((s - t0) / 1000).toFixed(2)}s +${ms.toFixed(0)}ms ${text.slice(0, 60).replace(/\s+/g, " ")}`);
  }
} } as typeof inner;
const stack = await startLocalStack({ config: { ...configFromEnv({}), port: 0, cleanupIntervalSeconds: 0 }, db });
const lsn = async () => (await inner.query<{ l: string }>("select pg_current_wal_lsn()::text as l"))[0].l;
const rooms = await createRooms(stack, 100);
const loads = [await prepareJoins(stack, rooms, 2400), await prepareComments(stack, rooms, 2400)];
for (const load of loads) {
  const h = monitorEventLoopDelay({ resolution: 5 }); h.enable();
  const before = await lsn();
  slow.length = 0;
  const r = await runOpenLoop({ origin: stack.url, anonKey: stack.anonKey, ratePerSecond: 200, warmupRequests: 400, requests: load.requests, timeoutMs: 30000 });
  h.disable();
  const after = await lsn();
  const s = summarize(r.latencyMs.slice(400), 0, r.measuredWindowMs);
  console.log(load.endpoint, `p50 ${s.p50.toFixed(1)} p99 ${s.p99.toFixed(1)} max ${s.max.toFixed(1)}`, `wal ${before} -> ${after}`, `loop delay p99 ${(h.percentile(99) / 1e6).toFixed(1)} max ${(h.max / 1e6).toFixed(1)} ms`);
  console.log(slow.slice(0, 15).join("\n"));
}
const cp = performance.now(); await inner.query("checkpoint"); console.log("checkpoint ms", (performance.now() - cp).toFixed(0));
const sw = performance.now(); await inner.query("select pg_switch_wal()"); await inner.query("create temp table x as select 1"); console.log("switch ms", (performance.now() - sw).toFixed(0));
await stack.close(); await bench.dispose();
