/** The bench:sync section of docs/benchmarks.md, from the runs' pooled samples. */
import type { SyncRunResult } from "./scenario.ts";

export const TARGETS = { steadyP95Ms: 25, convergeP95Ms: 300, steadyMsgsPerSecond: 0.5 } as const;

export interface SyncReportInput {
  command: string;
  machine: string;
  runs: number;
  /** Browsers → one result per run. */
  results: Map<number, SyncRunResult[]>;
  contentGzipBytes: number;
}

export function pct(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const f = (n: number) => (Number.isNaN(n) ? "–" : n.toFixed(1));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const ok = (pass: boolean) => (pass ? "✅" : "❌");

function pooledRow(browsers: number, runs: SyncRunResult[]): string {
  const steady = runs.flatMap((r) => r.steadyErrorsMs);
  const converge = runs.flatMap((r) => r.convergenceMs);
  const unconverged = runs.reduce((n, r) => n + r.unconverged, 0);
  const p95 = pct(steady, 95);
  const conv95 = pct(converge, 95);
  const msgsWithActions = mean(runs.map((r) => r.deliveredPerMemberPerSecond));
  const msgsSteady = mean(runs.map((r) => r.steadyPerMemberPerSecond));
  const targets = [
    ok(p95 <= TARGETS.steadyP95Ms),
    ok(conv95 <= TARGETS.convergeP95Ms && unconverged === 0),
    ok(msgsSteady <= TARGETS.steadyMsgsPerSecond),
  ].join(" / ");
  return `| ${browsers} | ${steady.length} | ${f(pct(steady, 50))} | ${f(p95)} | ${f(Math.max(...steady))} | ${converge.length} | ${f(pct(converge, 50))} | ${f(conv95)} | ${f(Math.max(...converge))} | ${unconverged} | ${msgsWithActions.toFixed(2)} | ${msgsSteady.toFixed(2)} | ${targets} |`;
}

function runByRun(browsers: number, runs: SyncRunResult[]): string {
  const parts = runs.map((r) => `p95 ${f(pct(r.steadyErrorsMs, 95))} ms, slowest convergence ${f(Math.max(...r.convergenceMs))} ms`);
  return `- ${browsers} browsers, run by run: ${parts.join("; ")}.`;
}

function actionTable(results: Map<number, SyncRunResult[]>): string {
  const sizes = [...results.keys()];
  const labels = results.get(sizes[0])?.[0]?.actions.map((a) => a.action) ?? [];
  const header = `| Host action | ${sizes.map((n) => `${n} browsers: median / slowest ms`).join(" | ")} |`;
  const rule = `|---|${sizes.map(() => "--:").join("|")}|`;
  const rows = labels.map((label, i) => {
    const cells = sizes.map((n) => {
      const times = (results.get(n) ?? []).map((r) => r.actions[i]?.ms ?? null);
      const done = times.filter((t): t is number => t !== null);
      const missed = times.length - done.length;
      return `${f(pct(done, 50))} / ${f(Math.max(...done))}${missed ? ` (${missed} not converged)` : ""}`;
    });
    return `| ${label} | ${cells.join(" | ")} |`;
  });
  return [header, rule, ...rows].join("\n");
}

export function syncSection(input: SyncReportInput): string {
  const { results } = input;
  const rows = [...results.entries()].map(([n, runs]) => pooledRow(n, runs));
  const perRun = [...results.entries()].map(([n, runs]) => runByRun(n, runs));
  return `## Sync accuracy (real Chromium, built extension)

- Command: \`${input.command}\`
- Date: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC
- Machine: ${input.machine}, Debian chromium headless; the local stack (PGlite in memory) in a worker thread of the driver's process
- Runs: ${input.runs} per size; the samples of all runs are pooled (percentiles over every sample and every host action)
- Targets: steady |Δ| p95 ≤ ${TARGETS.steadyP95Ms} ms; every member within 50 ms of the host ≤ ${TARGETS.convergeP95Ms} ms after a host action (p95); steady state ≤ ${TARGETS.steadyMsgsPerSecond} delivered realtime messages per participant per second

| Browsers | Steady samples | \\|Δ\\| p50 ms | \\|Δ\\| p95 ms | \\|Δ\\| max ms | Host actions | Converge p50 ms | Converge p95 ms | Converge max ms | Not converged in 3 s | Msgs / participant / s, with actions | Msgs / participant / s, steady | Targets (Δ / converge / steady msgs) |
|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|
${rows.join("\n")}

${perRun.join("\n")}

Convergence by host action:

${actionTable(results)}

How: one host and N−1 members, each its own Chromium profile with the extension from \`.output/chrome-mv3\`, on the
local stack's \`/demo\` page. 60 s of host actions (play, two seeks, two pauses, a 1.25× rate change and back),
then 6 s to leave the host's fast-heartbeat window and 25 s of plain playback (the "steady" message rate).
Every 100 ms the driver reads the host's \`currentTime\` and every member's at once (each with its page's wall
clock) and computes each member's error against the host's position extrapolated to that member's instant (the
steady samples; none are taken in the 3 s after a host action, which is its convergence window). Convergence is the time from the moment the host's
page carried out the action until every member is within 50 ms, judged every 10 ms: for the 3 s after an action
the driver keeps its hands off and each page records its own video every 10 ms, read afterwards (polling four
browsers over CDP every 20 ms had slowed what it measured on two cores).
Messages are every broadcast and presence message the local Realtime delivered during the run, divided by
participants and seconds (the host's heartbeat, clock pings, presence); the table gives the mean over runs.

Content-script bundle: **${(input.contentGzipBytes / 1024).toFixed(1)} KB gzip** (\`.output/chrome-mv3/content-scripts/content.js\`; target ≤ 40 KB).`;
}
