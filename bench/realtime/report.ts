/** Markdown tables and verdicts for the realtime benchmark (pure). */
import type { FanoutResult } from "./fanout.ts";
import type { PhaseStats, PresenceResult } from "./presence-load.ts";

export const FANOUT_TARGET = { subscribers: 1000, p99Ms: 50 };

const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");
const f0 = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString("en-US") : "–");
const missingText = (missing: number, expected: number) =>
  missing === 0 ? "0" : `${f0(missing)} (${((100 * missing) / expected).toFixed(2)} %)`;

export function fanoutTable(rows: readonly FanoutResult[]): string {
  const lines = [
    "| Subscribers | Deliveries expected | Missing | Delivered msg/s | p50 ms | p99 ms | max ms | first / last delivery p50 ms | Stack CPU % | Stack CPU per message ms (per delivery µs) | Stack RSS MB | Busiest client CPU % | Other processes CPU % |",
    "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${f0(r.subscribers)} | ${f0(r.expected)} | ${missingText(r.missing, r.expected)} | ${f0(r.deliveredPerSec)} | ${f1(r.p50)} | ${f1(r.p99)} | ${f1(r.max)} | ${f1(r.firstP50)} / ${f1(r.lastP50)} | ${f0(r.serverCpu)} | ${f1(r.cpuMsPerMessage)} (${f0((1000 * r.cpuMsPerMessage) / r.subscribers)}) | ${f0(r.serverRssMb)} | ${f0(r.clientCpu)} | ${f0(r.otherCpu)} |`,
    );
  }
  return lines.join("\n");
}

export function fanoutVerdict(rows: readonly FanoutResult[], runs: readonly FanoutResult[][] = []): string {
  const target = rows.find((r) => r.subscribers === FANOUT_TARGET.subscribers);
  if (!target) return `Target (fan-out to ${f0(FANOUT_TARGET.subscribers)} subscribers, p99 ≤ ${FANOUT_TARGET.p99Ms} ms): not measured in this run.`;
  const ok = target.p99 <= FANOUT_TARGET.p99Ms && target.missing === 0;
  const why = target.missing > 0 ? `, ${f0(target.missing)} deliveries missing` : "";
  const perRun = runs.map((rows) => rows.find((r) => r.subscribers === FANOUT_TARGET.subscribers)!).filter(Boolean);
  const over = perRun.filter((r) => r.p99 > FANOUT_TARGET.p99Ms).length;
  const spread = perRun.length > 1 ? ` (${over} of ${perRun.length} runs above ${FANOUT_TARGET.p99Ms} ms)` : "";
  return `${ok ? "✅ **Meets**" : "❌ **Misses**"} the target fan-out to ${f0(FANOUT_TARGET.subscribers)} subscribers p99 ≤ ${FANOUT_TARGET.p99Ms} ms: p99 = ${f1(target.p99)} ms${why}${spread}.`;
}

const phaseCells = (p: PhaseStats) => `${f0(p.cpu)} | ${f0(p.cpuMax)} | ${f0(p.rssMb)} | ${f0(p.otherCpu)}`;

export function presenceTables(r: PresenceResult, rooms: number, members: number): string {
  const phases = [
    "| Phase | Stack CPU % (median of 1 s samples) | Stack CPU % (max sample) | Stack RSS MB | Other processes CPU % |",
    "|---|--:|--:|--:|--:|",
    `| Idle (fresh stack after one full GC, no sockets) | ${phaseCells(r.idle)} |`,
    `| After connect (${f0(r.connections)} sockets joined and tracked, no traffic) | ${phaseCells(r.connected)} |`,
    `| During load (heartbeats) | ${phaseCells(r.load)} |`,
  ];
  const traffic = [
    "| Rooms × members | Connect + join + track, all | Members seeing full presence | Heartbeats sent/s | Delivered msg/s | Missing | Heartbeat p50 ms | p99 ms | max ms | Busiest client CPU % |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    `| ${rooms} × ${members} | ${f1(r.connectS)} s | ${f0(r.presenceComplete)} / ${f0(rooms * members)} | ${f0(r.sentPerSec)} | ${f0(r.deliveredPerSec)} | ${missingText(r.missing, r.expected)} | ${f1(r.p50)} | ${f1(r.p99)} | ${f1(r.max)} | ${f0(r.clientCpu)} |`,
  ];
  return `${phases.join("\n")}\n\n${traffic.join("\n")}`;
}

export function presenceVerdict(r: PresenceResult, rooms: number, members: number): string {
  const all = rooms * members;
  const kept = r.missing === 0 && r.presenceComplete === all && r.unexpectedCloses === 0;
  const headroom = r.load.cpu < 70 ? "with headroom" : r.load.cpu < 95 ? "close to one core" : "saturating one core";
  return kept
    ? `✅ All ${f0(all)} members joined and saw complete presence, every heartbeat was delivered; the stack ran at ${f0(r.load.cpu)} % CPU (${headroom}). No target was set for this scenario.`
    : `⚠️ ${f0(r.missing)} deliveries missing, ${f0(all - r.presenceComplete)} members with incomplete presence, ${r.unexpectedCloses} sockets closed by the server; stack CPU ${f0(r.load.cpu)} % (${headroom}). No target was set for this scenario.`;
}

const list = (values: number[], digits: number) => values.map((v) => (Number.isFinite(v) ? v.toFixed(digits) : "–")).join(" / ");

/** One line per scenario with the run-by-run values behind the medians (only for several runs). */
export function fanoutPerRun(runs: readonly FanoutResult[][]): string {
  const largest = runs.map((rows) => rows[rows.length - 1]);
  return `Run by run at ${f0(largest[0].subscribers)} subscribers: p99 ${list(largest.map((r) => r.p99), 1)} ms; max ${list(largest.map((r) => r.max), 1)} ms; stack CPU ${list(largest.map((r) => r.serverCpu), 0)} %; other processes ${list(largest.map((r) => r.otherCpu), 0)} %.`;
}

export function presencePerRun(runs: readonly PresenceResult[]): string {
  return `Run by run during load: stack CPU ${list(runs.map((r) => r.load.cpu), 0)} %; RSS ${list(runs.map((r) => r.load.rssMb), 0)} MB; heartbeat p99 ${list(runs.map((r) => r.p99), 1)} ms; other processes ${list(runs.map((r) => r.load.otherCpu), 0)} %.`;
}
