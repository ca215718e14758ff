/**
 * Summarizes a V8 .cpuprofile (node --cpu-prof): self time per function and per area
 * (ws, JSON, crypto, GC, idle, ...), to see where the stack spends its time.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  name: string;
  ms: number;
  percent: number;
}

const shortUrl = (url: string) =>
  url.replace(/^file:\/\//, "").replace(/.*\/node_modules\//, "").replace(/.*\/work\/main\//, "").replace(/^node:/, "node:");

function area(url: string, fn: string): string {
  if (fn === "(idle)" || fn === "(program)" || fn === "(garbage collector)") return fn;
  if (url.includes("node_modules/ws/")) return "ws library";
  if (url.includes("backend/local/realtime/")) return "realtime (backend/local/realtime)";
  if (url.includes("pglite")) return "PGlite";
  if (url.startsWith("node:")) return "Node core (net, stream, buffer...)";
  if (url === "") return `native: ${fn || "(anonymous)"}`;
  return "other JS";
}

/**
 * Monotonic time in µs, the clock V8 stamps profile samples with (CLOCK_MONOTONIC, as
 * process.hrtime), so a window taken in the benchmark process selects samples of the stack's.
 */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

export type Window = readonly [fromUs: number, toUs: number];

export function summarizeProfile(file: string, top = 15, windows?: readonly Window[]) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (windows && !windows.some(([from, to]) => at >= from && at < to)) return;
    self.set(id, (self.get(id) ?? 0) + delta / 1000);
  });
  const fnTotals = new Map<string, number>();
  const areaTotals = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = `${functionName || "(anonymous)"} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ""}`.trim();
    fnTotals.set(name, (fnTotals.get(name) ?? 0) + ms);
    const a = area(url, functionName);
    areaTotals.set(a, (areaTotals.get(a) ?? 0) + ms);
    totalMs += ms;
  }
  const lines = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, ms]) => ({ name, ms, percent: (100 * ms) / totalMs }));
  return { byFunction: lines(fnTotals, top), byArea: lines(areaTotals, 12), totalMs };
}

/** The summary of whichever profile (the stack's main thread, of the right attempt) was busiest within the windows. */
export function formatProfile(files: readonly string[], windows?: readonly Window[]): string {
  const busyOf = (r: ReturnType<typeof summarizeProfile>) => r.totalMs - (r.byArea.find((l) => l.name === "(idle)")?.ms ?? 0);
  const candidates = files.map((file) => ({ file, summary: summarizeProfile(file, 20, windows) }));
  const { file, summary } = candidates.sort((a, b) => busyOf(b.summary) - busyOf(a.summary))[0];
  const { byFunction, byArea, totalMs } = summary;
  const busy = busyOf(summary);
  const fmt = (l: ProfileLine) => `  ${l.ms.toFixed(0).padStart(7)} ms  ${((100 * l.ms) / busy).toFixed(1).padStart(5)} %  ${l.name}`;
  const scope = windows ? `the measured windows of ${file}` : file;
  return [
    `${scope}: ${(totalMs / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s busy (percentages are of busy time)`,
    "By area:",
    ...byArea.filter((l) => l.name !== "(idle)").map(fmt),
    "Top functions by self time:",
    ...byFunction.filter((l) => l.name !== "(idle)").map(fmt),
  ].join("\n");
}

// `npx tsx bench/realtime/profile-summary.ts <file.cpuprofile>`
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  for (const file of process.argv.slice(2)) console.log(formatProfile([file]));
}
