/**
 * `npm run bench:sync`: sync accuracy in real Chromium with the built extension, 2 and
 * 4 browsers, plus the content script's size. Writes its section of docs/benchmarks.md.
 * `--runs N` repeats each size N times and pools the samples (a run has only 9 host
 * actions, so one run's convergence p95 is its slowest action); `--quick` is 2 browsers once.
 * Needs the extension built first (the npm script does it).
 */
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { gzipSync } from "node:zlib";
import { runScenario, type SyncRunResult } from "./sync/scenario.ts";
import { startStackThread } from "./sync/stack-thread.ts";
import { replaceSection } from "./sync/docs-section.ts";
import { syncSection } from "./sync/report.ts";

const quick = process.argv.includes("--quick");
const runsArg = process.argv.indexOf("--runs");
const runs = quick ? 1 : Math.max(1, Number(runsArg > 0 ? process.argv[runsArg + 1] : 3) || 3);
const sizes = quick ? [2] : [2, 4];

const results = new Map<number, SyncRunResult[]>();
for (const n of sizes) {
  for (let run = 1; run <= runs; run++) {
    const stack = await startStackThread();
    try {
      console.log(`running ${n} browsers (run ${run} of ${runs})…`);
      results.set(n, [...(results.get(n) ?? []), await runScenario(stack, n)]);
    } finally {
      await stack.close();
    }
  }
}

const contentGzip = gzipSync(readFileSync(".output/chrome-mv3/content-scripts/content.js")).length;
const command = `npm run bench:sync${quick ? " -- --quick" : runs !== 3 ? ` -- --runs ${runs}` : ""}`;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}`;
const section = syncSection({ command, machine, runs, results, contentGzipBytes: contentGzip });
replaceSection("docs/benchmarks.md", "bench:sync", section);
console.log(section);
