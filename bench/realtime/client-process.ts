/**
 * A load-generating client process (forked by client-pool.ts): opens many bare vsn 2.0.0
 * sockets, joins and tracks, sends heartbeat broadcasts, and records for every received
 * kind-4 broadcast its latency (receive time − the sender's `t`, both on the wall clock
 * performance.timeOrigin + performance.now()).
 */
import { binaryPush, heartbeatFrame, joinFrame, trackFrame, userBroadcastPayload, wireTopic } from "./phoenix.ts";
import type { LightSocket } from "./light-socket.ts";
import type { ClientCommand, SocketSpec } from "./protocol.ts";
import { Recorder } from "./recorder.ts";
import { openSocket, type SocketKind } from "./socket-kinds.ts";

interface Member {
  sock: LightSocket;
  spec: SocketSpec;
  joinRef: string;
  ref: number;
  presence: Set<string>;
  pending: Map<string, (status: string) => void>;
  timers: Array<ReturnType<typeof setTimeout>>;
}

const now = () => performance.timeOrigin + performance.now();
const members: Member[] = [];
const recorder = new Recorder();
let unexpectedCloses = 0;
let closing = false;

function onMessage(m: Member, data: Buffer, isBinary: boolean): void {
  const at = now();
  if (isBinary) {
    const p = userBroadcastPayload(data);
    if (p && typeof p.t === "number") recorder.received(p, at);
    return;
  }
  const [, ref, , event, payload] = JSON.parse(data.toString());
  if (event === "phx_reply") m.pending.get(ref)?.(payload.status);
  else if (event === "presence_state") m.presence = new Set(Object.keys(payload));
  else if (event === "presence_diff") {
    for (const key of Object.keys(payload.leaves)) m.presence.delete(key);
    for (const key of Object.keys(payload.joins)) m.presence.add(key);
  }
}

function request(m: Member, frame: string, ref: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply to ${ref}`)), 30_000);
    m.pending.set(ref, (status) => {
      clearTimeout(timer);
      m.pending.delete(ref);
      status === "ok" ? resolve() : reject(new Error(`reply ${status}`));
    });
    m.sock.send(frame);
  });
}

async function openOne(kind: SocketKind, url: string, apikey: string, spec: SocketSpec): Promise<void> {
  const m = { spec, joinRef: "1", ref: 1, presence: new Set(), pending: new Map(), timers: [] } as unknown as Member;
  m.sock = await openSocket(kind, `${url.replace(/^http/, "ws")}/realtime/v1/websocket?apikey=${apikey}&vsn=2.0.0`, {
    onMessage: (data, binary) => onMessage(m, data, binary),
    onClose: () => !closing && unexpectedCloses++,
  });
  members.push(m);
  await request(m, joinFrame(m.joinRef, spec.topic, apikey, spec.presenceKey), m.joinRef);
  if (spec.track) await request(m, trackFrame(m.joinRef, String(++m.ref), spec.topic, spec.track), String(m.ref));
}

async function open(kind: SocketKind, url: string, apikey: string, specs: SocketSpec[], concurrency: number) {
  const started = performance.now();
  let next = 0;
  let failures = 0;
  let firstError = "";
  const worker = async () => {
    while (next < specs.length) {
      const spec = specs[next++];
      await openOne(kind, url, apikey, spec).catch((err) => {
        failures++;
        firstError ||= (err as Error).message;
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { opened: members.length, failures, firstError, ms: performance.now() - started };
}

/** Each member broadcasts every periodMs (phases spread evenly), plus optional Phoenix heartbeats. */
function beat(periodMs: number, event: string, phoenixHeartbeatMs: number): void {
  members.forEach((m, i) => {
    const topic = wireTopic(m.spec.topic);
    let seq = 0;
    const send = () => {
      const t = now();
      if (!m.sock.open) return;
      m.sock.send(binaryPush(m.joinRef, String(++m.ref), topic, event, { from: m.spec.member ?? i, seq: ++seq, t, position: t / 1000, playing: true }));
      recorder.sent(t);
    };
    const start = setTimeout(() => m.timers.push(setInterval(send, periodMs)), (i / members.length) * periodMs);
    m.timers.push(start);
    if (phoenixHeartbeatMs > 0) {
      const hb = () => m.sock.open && m.sock.send(heartbeatFrame(String(++m.ref)));
      m.timers.push(setTimeout(() => m.timers.push(setInterval(hb, phoenixHeartbeatMs)), (i / members.length) * phoenixHeartbeatMs));
    }
  });
}

process.on("message", async (cmd: ClientCommand) => {
  const reply = (body: object) => process.send!({ id: cmd.id, ...body });
  try {
    if (cmd.type === "open") reply(await open(cmd.socket, cmd.url, cmd.apikey, cmd.sockets, cmd.concurrency));
    else if (cmd.type === "beat") reply((beat(cmd.periodMs, cmd.event, cmd.phoenixHeartbeatMs), {}));
    else if (cmd.type === "stop-beat") reply((members.forEach((m) => m.timers.forEach(clearTimeout)), {}));
    else if (cmd.type === "presence") reply({ complete: members.filter((m) => m.presence.size === cmd.expected).length });
    else if (cmd.type === "collect") reply({ ...recorder.collect(cmd.tFrom, cmd.tTo, cmd.spread), clockOffsetMs: now() - Date.now(), unexpectedCloses });
    else if (cmd.type === "close") {
      closing = true;
      for (const m of members) m.sock.close();
      reply({});
      setTimeout(() => process.exit(0), 50);
    }
  } catch (err) {
    reply({ error: (err as Error).stack ?? String(err) });
  }
});
process.on("disconnect", () => process.exit(0));
