/** The header of the report: command, date, machine, and how the numbers were produced. */
import { release, totalmem } from "node:os";
import type { FanoutResult } from "./fanout.ts";
import type { PresenceResult } from "./presence-load.ts";
import { DISTURBED_ABOVE_PERCENT, QUIET_BELOW_PERCENT } from "./quiet.ts";
import { FANOUT_TARGET } from "./report.ts";

export interface MethodContext {
  runs: number;
  quick: boolean;
  clients: number;
  socket: "light" | "ws";
  busy: number;
  quiet: { maxWaitS: number; attempts: number };
  retries: { repeated: number; stillDisturbed: number };
  cores: number;
  cpuModel: string;
  openFiles: string;
  plan: {
    levels: number[];
    fanout: { rate: number; warmupS: number; durationS: number; graceS: number };
    presence: { rooms: number; members: number; beatMs: number; idleS: number; settleS: number; warmupS: number; durationS: number };
  };
  fanout: FanoutResult[];
  presence?: PresenceResult;
}

/** The bullets under the section title: command, date, machine, runs, target. */
export function describeHeader(c: MethodContext): string {
  const flags = `${c.quick ? " --quick" : ""}${c.runs > 1 ? ` --runs ${c.runs}` : ""}`;
  return [
    `- Command: \`npm run bench:realtime\`${flags ? ` (this run: \`npx tsx bench/realtime.ts${flags}\`)` : ""}; \`--runs N\` reports medians of N runs, \`--quick\` is a smoke run${c.quick ? " — **this is a quick smoke run, smaller and shorter than the full benchmark**" : ""}`,
    `- Date: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    `- Machine: ${c.cores} × ${c.cpuModel}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, Linux ${release()}; open-file limit ${c.openFiles}; ${c.busy.toFixed(0)} % of one core busy just before the run`,
    `- Runs: ${c.runs}${c.runs > 1 ? " (every number is the median of that number over the runs)" : ""}`,
    `- Target: fan-out to ${FANOUT_TARGET.subscribers.toLocaleString("en-US")} subscribers p99 ≤ ${FANOUT_TARGET.p99Ms} ms with nothing missing (none set for the presence load)`,
  ].join("\n");
}

/** How the numbers were produced (goes below the tables). */
export function describeMethod(c: MethodContext): string {
  const { fanout: a, presence: b } = c.plan;
  const skew = Math.max(0, ...c.fanout.map((r) => r.clockSkewMs));
  return `**Method**

- **Stack:** \`node --import tsx backend/local/main.ts\` as a child process (what \`npm run stack\` runs), PGlite in memory, cleanup timer off, a fresh process for A and another for B; 2 s after start the benchmark triggers one full GC in it (a preloaded SIGUSR2 hook, \`bench/realtime/stack-gc-hook.ts\`), since startup (migrations) leaves ~300 MB of garbage that V8 would otherwise keep until its next major GC. *Stack CPU %* is utime+stime from \`/proc/<pid>/stat\` per 1 s sample (100 % = one core; all of the process's threads count); *RSS* is VmRSS from \`/proc/<pid>/status\`.
- **Clients:** one subscriber or member = one WebSocket speaking vsn 2.0.0 as realtime-js 2.x does: \`phx_join\` with realtime-js's config and the anon key as \`access_token\`, broadcasts sent as binary kind-3 pushes, delivered by the stack as kind-4 binary frames. ${c.socket === "light" ? "The sockets are a minimal WebSocket client on bare TCP sockets (\`bench/realtime/light-socket.ts\`, a fraction of the \`ws\` client's per-frame cost)" : "The sockets are \`ws\` clients"}, held by ${c.clients} forked client processes; on 2 cores the clients compete with the stack for CPU, so they are kept light and their CPU is in the tables. The sender of A is a \`ws\` socket of its own in the benchmark process.
- **Shared machine:** other work may run on this machine. Before each measurement the benchmark waits (up to ${c.quiet.maxWaitS} s) until the whole machine is below ${QUIET_BELOW_PERCENT} % of one core busy. *Other processes CPU %* is what everything except the stack, the client processes and the benchmark itself used during the measurement (median of 1 s samples, 100 = one core); a measurement where that exceeded ${DISTURBED_ABOVE_PERCENT} % is repeated (up to ${c.quiet.attempts} attempts, the least disturbed kept). In this run ${c.retries.repeated} measurement(s) were repeated and ${c.retries.stillDisturbed} stayed disturbed after all attempts${c.retries.stillDisturbed ? " — read rows with a large *Other processes CPU %* with care" : ""}.
- **Latency** = receive time − the send time \`t\` carried in the payload, both read as \`performance.timeOrigin + performance.now()\` on this machine's clock in different processes (their offsets from \`Date.now()\` agreed within ${skew.toFixed(1)} ms). It includes the time a client process takes to reach the socket, so a client's own queueing adds to it.
- **A. Fan-out:** for each of ${c.plan.levels.join(", ")} subscribers, fresh subscriber sockets join a new public channel (\`self: false\`) on the same stack process; one sender broadcasts a playback-sync payload (~150 B JSON: seq, t, position, playing, rate, by) at ${a.rate} msg/s, ${a.warmupS} s of warm-up (not counted), then ${a.durationS} s measured. *Missing* = subscribers × measured messages − deliveries of those messages seen within ${a.graceS} s after the last send. *First / last delivery* = per message, the latency of its first and of its last delivery, median over messages; the gap is the time the stack takes to write one message to every subscriber; compare it with *Stack CPU per message* (stack CPU % × 1 s / messages per second). *Delivered msg/s* counts deliveries of measured messages per second of sending.
- **B. Presence load:** fresh stack, ${b.idleS} s idle with no sockets; then ${(b.rooms * b.members).toLocaleString("en-US")} sockets (20 connecting at a time per client process) each join \`room:bench-<n>\` with presence enabled (key = a user id) and track once (\`{user_id, display_name, avatar_url, role, online_at}\`); *connect* ends when every member's presence view lists all ${b.members} members of its room. ${b.settleS} s with no traffic (*after connect*). Then the load: **every member sends one broadcast per ${b.beatMs / 1000} s on its room channel** (binary kind-3 push, event \`heartbeat\`, ~130 B JSON), start times spread evenly over the second, received by the other ${b.members - 1} members (\`self: false\`); every socket also sends the Phoenix socket \`heartbeat\` frame every 25 s as realtime-js does. ${b.warmupS} s warm-up, then ${b.durationS} s measured (*during load*).`;
}
