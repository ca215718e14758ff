/**
 * The open-loop load generator, run in a worker thread so its timers and HTTP parsing do
 * not share the event loop with the stack under test. Request i is sent at t0 + i/rate
 * whether or not earlier ones have answered; latency counts from that scheduled time, so
 * a slow server cannot hide queueing delay by slowing the sender (coordinated omission).
 */
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import type { LoadPlan, LoadResult } from "./load-plan.ts";

const plan = workerData as LoadPlan;
const origin = new URL(plan.origin);
// COMPAT(node20): the agent only honours the server's "Keep-Alive: timeout=5" hint when it has
// a timeout of its own, so without one an idle socket can be reused just as the server closes
// it (ECONNRESET). Idle sockets are dropped after 2 s; a request's own timeout applies in use.
const agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 2000 });
const n = plan.requests.length;
const interval = 1000 / plan.ratePerSecond;
const result: LoadResult = {
  latencyMs: new Array(n).fill(Number.NaN),
  status: new Array(n).fill(0),
  sendLagMs: new Array(n).fill(0),
  measuredWindowMs: 0,
  generatorUtilization: 0,
};
const eluAtStart = performance.eventLoopUtilization();
const doneAt = new Array<number>(n).fill(Number.NaN);
let pending = n;
const t0 = performance.now() + 50;
const scheduledAt = (i: number) => t0 + i * interval;

function finish(i: number, status: number, body: string): void {
  const now = performance.now();
  doneAt[i] = now;
  result.latencyMs[i] = now - scheduledAt(i);
  result.status[i] = status;
  if (status !== 200 && !result.firstError) result.firstError = { index: i, status, body: body.slice(0, 1000) };
  if (--pending === 0) report();
}

function send(i: number): void {
  result.sendLagMs[i] = performance.now() - scheduledAt(i);
  const { path, token, body } = plan.requests[i];
  let settled = false;
  const settle = (status: number, text: string) => {
    if (settled) return;
    settled = true;
    finish(i, status, text);
  };
  const req = request(
    {
      agent,
      host: origin.hostname,
      port: origin.port,
      path,
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        authorization: `Bearer ${token}`,
        apikey: plan.anonKey,
      },
      timeout: plan.timeoutMs,
    },
    (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => settle(res.statusCode ?? 0, Buffer.concat(chunks).toString("utf8")));
      res.on("error", (err) => settle(0, `response error: ${err.message}`));
    },
  );
  req.on("timeout", () => req.destroy(new Error(`timed out after ${plan.timeoutMs} ms`)));
  req.on("error", (err) => settle(0, `request error: ${err.message}`));
  req.end(body);
}

let next = 0;
function tick(): void {
  const now = performance.now();
  while (next < n && scheduledAt(next) <= now) send(next++);
  if (next < n) setTimeout(tick, Math.max(0, scheduledAt(next) - performance.now()));
}

function report(): void {
  const first = Math.min(plan.warmupRequests, n - 1);
  let last = scheduledAt(first);
  for (let i = first; i < n; i++) last = Math.max(last, doneAt[i]);
  result.measuredWindowMs = last - scheduledAt(first);
  result.generatorUtilization = performance.eventLoopUtilization(eluAtStart).utilization;
  agent.destroy();
  parentPort!.postMessage(result);
}

if (n === 0) report();
else setTimeout(tick, Math.max(0, t0 - performance.now()));
