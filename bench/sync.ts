/**
 * `npm run bench:sync`: sync accuracy in real Chromium with the built extension, 2 and
 * 4 browsers, plus the content script's size. Writes its section of docs/benchmarks.md.
 * Needs the extension built first (the npm script does it).
 */
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { gzipSync } from "node:zlib";
import { startE2eStack } from "../tests/e2e/support/stack.ts";
import { runScenario, type SyncRunResult } from "./sync/scenario.ts";
import { replaceSection } from "./sync/docs-section.ts";

const quick = process.argv.includes("--quick");
const sizes = quick ? [2] : [2, 4];

function pct(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const f = (n: number) => (Number.isNaN(n) ? "–" : n.toFixed(1));

const results: SyncRunResult[] = [];
for (const n of sizes) {
  const stack = await startE2eStack();
  try {
    console.log(`running ${n} browsers…`);
    results.push(await runScenario(stack, n));
  } finally {
    await stack.close();
  }
}

const contentGzip = gzipSync(readFileSync(".output/chrome-mv3/content-scripts/content.js")).length;
const rows = results.map((r) => {
  const p95 = pct(r.steadyErrorsMs, 95);
  const conv95 = pct(r.convergenceMs, 95);
  return `| ${r.browsers} | ${r.steadyErrorsMs.length} | ${f(pct(r.steadyErrorsMs, 50))} | ${f(p95)} | ${f(Math.max(...r.steadyErrorsMs))} | ${f(pct(r.convergenceMs, 50))} | ${f(conv95)} | ${r.unconverged} | ${r.deliveredPerMemberPerSecond.toFixed(2)} | ${r.steadyPerMemberPerSecond.toFixed(2)} | ${p95 <= 25 ? "✅" : "❌"} / ${conv95 <= 300 && r.unconverged === 0 ? "✅" : "❌"} / ${r.steadyPerMemberPerSecond <= 0.5 ? "✅" : "❌"} |`;
});
const section = `## Sync accuracy (real Chromium, built extension)

- Command: \`npm run bench:sync\`${quick ? " (--quick: 2 browsers only)" : ""}
- Date: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC
- Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, Debian chromium headless, local stack with PGlite in the same process as the driver
- Targets: steady |Δ| p95 ≤ 25 ms; every member within 50 ms of the host ≤ 300 ms after a host action (p95); steady state ≤ 0.5 delivered realtime messages per participant per second

| Browsers | Steady samples | \\|Δ\\| p50 ms | \\|Δ\\| p95 ms | \\|Δ\\| max ms | Converge p50 ms | Converge p95 ms | Not converged in 3 s | Msgs / participant / s, with actions | Msgs / participant / s, steady | Targets (Δ / converge / steady msgs) |
|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|
${rows.join("\n")}

How: one host and N−1 members, each its own Chromium profile with the extension from \`.output/chrome-mv3\`, on the
local stack's \`/demo\` page. 60 s of host actions (play, two seeks, two pauses, a 1.25× rate change and back),
then 6 s to leave the host's fast-heartbeat window and 25 s of plain playback (the "steady" message rate).
Every 100 ms the driver reads each member's \`currentTime\` and the host's (with each page's wall clock) and
computes the member's error against the host's position extrapolated to the same instant; samples within 1.5 s
after a host action count as convergence, not steady state. Convergence is the time from the action's command
until all members are within 50 ms, polled every 20 ms (the polling itself adds up to ~20–40 ms).
Messages are every broadcast and presence message the local Realtime delivered during the run, divided by
participants and seconds (the host's heartbeat, clock pings, presence).

Content-script bundle: **${(contentGzip / 1024).toFixed(1)} KB gzip** (\`.output/chrome-mv3/content-scripts/content.js\`; target ≤ 40 KB).`;
replaceSection("docs/benchmarks.md", "bench:sync", section);
console.log(section);
