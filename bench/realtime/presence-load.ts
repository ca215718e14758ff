/**
 * Scenario B: R rooms × M members, each member a socket that joins its room channel with
 * presence on and tracks once; then every member broadcasts a heartbeat on its room
 * channel every second (the other members receive it), and sends the Phoenix socket
 * heartbeat every 25 s as realtime-js does. The stack's CPU and RSS are sampled per phase.
 */
import { ClientPool } from "./client-pool.ts";
import { OTHERS, ProcSampler } from "./proc-stats.ts";
import { monotonicUs, type Window } from "./profile-summary.ts";
import type { CollectResult, OpenResult, SocketSpec } from "./protocol.ts";
import type { SocketKind } from "./socket-kinds.ts";
import type { StackProcess } from "./stack-process.ts";
import { median, summarizeLatencies } from "./stats.ts";

export interface PresenceOptions {
  rooms: number;
  members: number;
  clients: number;
  /** Subscriber socket implementation in the client processes. */
  socket: SocketKind;
  beatMs: number;
  idleS: number;
  settleS: number;
  warmupS: number;
  durationS: number;
}

export interface PhaseStats {
  cpu: number;
  cpuMax: number;
  rssMb: number;
  /** CPU % other processes on the machine used meanwhile (median). */
  otherCpu: number;
}

export interface PresenceResult {
  connections: number;
  connectS: number;
  presenceComplete: number;
  idle: PhaseStats;
  connected: PhaseStats;
  load: PhaseStats;
  sent: number;
  sentPerSec: number;
  expected: number;
  delivered: number;
  missing: number;
  deliveredPerSec: number;
  p50: number;
  p99: number;
  max: number;
  clientCpu: number;
  unexpectedCloses: number;
  /** The measured load phase on the monotonic clock (to cut a CPU profile). */
  window: Window;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

function roomSpecs(o: PresenceOptions, process: number): SocketSpec[] {
  const specs: SocketSpec[] = [];
  for (let room = 0; room < o.rooms; room++) {
    if (Math.floor((room * o.clients) / o.rooms) !== process) continue; // a room's members share a process
    for (let m = 0; m < o.members; m++) {
      const userId = `00000000-0000-4000-8000-${String(room * o.members + m).padStart(12, "0")}`;
      specs.push({
        topic: `room:bench-${room}`,
        presenceKey: userId,
        track: { user_id: userId, display_name: `Viewer ${m + 1}`, avatar_url: null, role: m === 0 ? "host" : "viewer", online_at: new Date().toISOString() },
        member: room * o.members + m,
      });
    }
  }
  return specs;
}

export async function runPresenceLoad(stack: StackProcess, o: PresenceOptions): Promise<PresenceResult> {
  const pool = await ClientPool.start(o.clients);
  const samples = new ProcSampler([stack.pid, ...pool.pids]);
  const phase = (pid: number, name: string): PhaseStats => {
    const s = samples.of(pid, name);
    const others = samples.of(OTHERS, name).map((x) => x.cpuPercent);
    return { cpu: median(s.map((x) => x.cpuPercent)), cpuMax: Math.max(...s.map((x) => x.cpuPercent)), rssMb: median(s.map((x) => x.rssMb)), otherCpu: median(others) };
  };
  try {
    samples.start();
    samples.setPhase("idle");
    await sleep(o.idleS * 1000);

    samples.setPhase("connect");
    const t0 = performance.now();
    const opened = await pool.all<OpenResult>((i) => ({ type: "open", socket: o.socket, url: stack.url, apikey: stack.anonKey, sockets: roomSpecs(o, i), concurrency: 20 }));
    const failures = opened.reduce((n, r) => n + r.failures, 0);
    if (failures > 0) throw new Error(`${failures} member(s) failed to join: ${opened.find((r) => r.firstError)?.firstError}`);
    let complete = 0;
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(200)) {
      complete = (await pool.all<{ complete: number }>({ type: "presence", expected: o.members })).reduce((n, r) => n + r.complete, 0);
      if (complete === o.rooms * o.members) break;
    }
    const connectS = (performance.now() - t0) / 1000;

    samples.setPhase("connected");
    await sleep(o.settleS * 1000);

    await pool.all({ type: "beat", periodMs: o.beatMs, event: "heartbeat", phoenixHeartbeatMs: 25_000 });
    samples.setPhase("warmup");
    await sleep(o.warmupS * 1000);
    samples.setPhase("load");
    const tFrom = now();
    const fromUs = monotonicUs();
    await sleep(o.durationS * 1000);
    const tTo = now();
    const window: Window = [fromUs, monotonicUs()];
    samples.setPhase("after");
    await pool.all({ type: "stop-beat" });
    await sleep(2000);
    samples.stop();

    const collected = await pool.all<CollectResult>({ type: "collect", tFrom, tTo, spread: false });
    const s = summarizeLatencies(collected.flatMap((c) => c.latencies));
    const sent = collected.reduce((n, c) => n + c.sent, 0);
    const expected = sent * (o.members - 1);
    return {
      connections: opened.reduce((n, r) => n + r.opened, 0),
      connectS,
      presenceComplete: complete,
      idle: phase(stack.pid, "idle"),
      connected: phase(stack.pid, "connected"),
      load: phase(stack.pid, "load"),
      sent,
      sentPerSec: sent / ((tTo - tFrom) / 1000),
      expected,
      delivered: s.count,
      missing: expected - s.count,
      deliveredPerSec: s.count / ((tTo - tFrom) / 1000),
      p50: s.p50,
      p99: s.p99,
      max: s.max,
      clientCpu: Math.max(...pool.pids.map((pid) => phase(pid, "load").cpu)),
      unexpectedCloses: collected.reduce((n, c) => n + c.unexpectedCloses, 0),
      window,
    };
  } finally {
    samples.stop();
    await pool.close();
  }
}
