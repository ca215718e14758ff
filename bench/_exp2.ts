// sequential service times (no queueing) + SQL share
import { configFromEnv } from "../backend/local/config.ts";
import { startLocalStack } from "../backend/local/server.ts";
import { openBenchDatabase } from "./support/bench-database.ts";
import { createRooms } from "./support/fixtures.ts";
import { prepareComments, prepareJoins } from "./support/scenarios.ts";
import { timeQueries, formatSqlStats } from "./support/sql-timing.ts";
import { percentile } from "./support/stats.ts";
import { Agent, request } from "node:http";

const kind = (process.argv[2] ?? "pglite") as "pglite" | "postgresql";
const bench = await openBenchDatabase(kind, "postgres://watchium:watchium@127.0.0.1:5432/postgres");
const timing = timeQueries(bench.db);
const stack = await startLocalStack({ config: { ...configFromEnv({}), port: 0, cleanupIntervalSeconds: 0 }, db: timing.db });
const agent = new Agent({ keepAlive: true });
const u = new URL(stack.url);
function send(path: string, token: string, body: string): Promise<number> {
  return new Promise((res, rej) => {
    const r = request({ agent, host: u.hostname, port: u.port, path, method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` } }, (resp) => { resp.resume(); resp.on("end", () => res(resp.statusCode!)); });
    r.on("error", rej); r.end(body);
  });
}
const rooms = await createRooms(stack, 100);
const loads = [await prepareJoins(stack, rooms, 1200), await prepareComments(stack, rooms, 1200)];
for (const load of loads) {
  timing.take();
  const lat: number[] = []; const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  for (const [i, r] of load.requests.entries()) {
    const s = performance.now();
    const st = await send(r.path, r.token, r.body);
    if (st !== 200) throw new Error("status " + st);
    if (i >= 200) lat.push(performance.now() - s);
  }
  const wall = performance.now() - w0; const cpu = process.cpuUsage(cpu0);
  lat.sort((a, b) => a - b);
  const stats = timing.take();
  const sqlPer = stats.reduce((a, s) => a + s.totalMs, 0) / load.requests.length;
  console.log(`${kind} ${load.endpoint}: sequential p50 ${percentile(lat, 50).toFixed(2)} p90 ${percentile(lat, 90).toFixed(2)} p99 ${percentile(lat, 99).toFixed(2)} max ${lat.at(-1)!.toFixed(1)} ms; sql per request ${sqlPer.toFixed(2)} ms; node cpu per request ${((cpu.user + cpu.system) / 1000 / load.requests.length).toFixed(2)} ms; wall per request ${(wall / load.requests.length).toFixed(2)}`);
  console.log(formatSqlStats(stats));
}
await stack.close(); await bench.dispose();
