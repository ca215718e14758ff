/**
 * Scenario A: one public channel, N subscribers (bare sockets spread over client
 * processes), one sender broadcasting at a steady rate with its send time in the payload.
 */
import { ClientPool } from "./client-pool.ts";
import { OTHERS, ProcSampler } from "./proc-stats.ts";
import { monotonicUs, type Window } from "./profile-summary.ts";
import type { CollectResult, OpenResult, SocketSpec } from "./protocol.ts";
import { Sender } from "./sender.ts";
import type { SocketKind } from "./socket-kinds.ts";
import type { StackProcess } from "./stack-process.ts";
import { median, summarizeLatencies } from "./stats.ts";

export interface FanoutOptions {
  subscribers: number;
  clients: number;
  /** Subscriber socket implementation in the client processes. */
  socket: SocketKind;
  rate: number;
  warmupS: number;
  durationS: number;
  graceS: number;
}

export interface FanoutResult {
  subscribers: number;
  sent: number;
  expected: number;
  delivered: number;
  missing: number;
  p50: number;
  p99: number;
  max: number;
  /** Medians over messages of the first and of the last delivery's latency. */
  firstP50: number;
  lastP50: number;
  deliveredPerSec: number;
  serverCpu: number;
  /** Stack CPU time per broadcast message (ms): compare with the first-to-last delivery gap. */
  cpuMsPerMessage: number;
  serverRssMb: number;
  /** The busiest client process's median CPU %. */
  clientCpu: number;
  /** CPU % other processes on the machine used meanwhile (median of 1 s samples). */
  otherCpu: number;
  connectMs: number;
  clockSkewMs: number;
  /** The measured phase on the monotonic clock (to cut a CPU profile). */
  window: Window;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runFanout(stack: StackProcess, o: FanoutOptions): Promise<FanoutResult> {
  const topic = `bench:fanout:${o.subscribers}:${Date.now()}`;
  const processes = Math.min(o.clients, o.subscribers);
  const pool = await ClientPool.start(processes);
  const samples = new ProcSampler([stack.pid, ...pool.pids]);
  try {
    const share = (i: number) => Math.floor(o.subscribers / processes) + (i < o.subscribers % processes ? 1 : 0);
    const specs = (i: number): SocketSpec[] => Array.from({ length: share(i) }, () => ({ topic }));
    const opened = await pool.all<OpenResult>((i) => ({ type: "open", socket: o.socket, url: stack.url, apikey: stack.anonKey, sockets: specs(i), concurrency: 25 }));
    const failures = opened.reduce((n, r) => n + r.failures, 0);
    if (failures > 0) throw new Error(`${failures} subscriber(s) failed to join: ${opened.find((r) => r.firstError)?.firstError}`);
    const sender = await Sender.join(stack.url, stack.anonKey, topic);
    await sleep(500);

    const warmup = Math.round(o.warmupS * o.rate);
    const measured = Math.round(o.durationS * o.rate);
    samples.start();
    samples.setPhase("warmup");
    await sender.run(warmup, o.rate);
    samples.setPhase("measure");
    const fromUs = monotonicUs();
    const times = await sender.run(measured, o.rate);
    const window: Window = [fromUs, monotonicUs()];
    samples.setPhase("after");
    await sleep(o.graceS * 1000);
    samples.stop();
    sender.close();

    const tFrom = times[0];
    const tTo = times[times.length - 1] + 1e-3;
    const collected = await pool.all<CollectResult>({ type: "collect", tFrom, tTo, spread: true });
    const latencies = collected.flatMap((c) => c.latencies);
    const perMessage = new Map<string, [number, number]>();
    for (const [key, [lo, hi]] of collected.flatMap((c) => c.perMessage)) {
      const mm = perMessage.get(key);
      perMessage.set(key, mm ? [Math.min(mm[0], lo), Math.max(mm[1], hi)] : [lo, hi]);
    }
    const s = summarizeLatencies(latencies);
    const expected = measured * o.subscribers;
    const cpu = (pid: number) => median(samples.of(pid, "measure").map((x) => x.cpuPercent));
    return {
      subscribers: o.subscribers,
      sent: measured,
      expected,
      delivered: s.count,
      missing: expected - s.count,
      p50: s.p50,
      p99: s.p99,
      max: s.max,
      firstP50: median([...perMessage.values()].map((v) => v[0])),
      lastP50: median([...perMessage.values()].map((v) => v[1])),
      deliveredPerSec: s.count / (measured / o.rate),
      serverCpu: cpu(stack.pid),
      cpuMsPerMessage: (cpu(stack.pid) * 10) / o.rate,
      serverRssMb: median(samples.of(stack.pid, "measure").map((x) => x.rssMb)),
      clientCpu: Math.max(...pool.pids.map(cpu)),
      otherCpu: cpu(OTHERS),
      connectMs: Math.max(...opened.map((r) => r.ms)),
      window,
      clockSkewMs: Math.max(...collected.map((c) => Math.abs(c.clockOffsetMs - (performance.timeOrigin + performance.now() - Date.now())))),
    };
  } finally {
    samples.stop();
    await pool.close();
  }
}
