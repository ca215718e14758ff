/**
 * `npm run bench:cold-start`: time from starting `npm run stack` (the local stack as a
 * newcomer runs it, through tsx) to the first healthy /health, with the PGlite data
 * directory already created. Median of 5. Writes its section of docs/benchmarks.md.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { replaceSection } from "./sync/docs-section.ts";

const PORT = "54390";
const dataDir = mkdtempSync(join(tmpdir(), "watchium-cold-"));

async function startOnce(): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "backend/local/main.ts"], {
    env: { ...process.env, PORT, WATCHIUM_DATA_DIR: dataDir, CLEANUP_INTERVAL_SECONDS: "0" },
    stdio: "ignore",
  });
  try {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${PORT}/health`)).ok) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.on("exit", r));
  }
}

const first = await startOnce(); // creates and migrates the data directory (initdb)
const runs: number[] = [];
for (let i = 0; i < 5; i++) runs.push(await startOnce());
rmSync(dataDir, { recursive: true, force: true });
const sorted = [...runs].sort((a, b) => a - b);
const median = sorted[2];
const section = `## Local stack cold start

- Command: \`npm run bench:cold-start\`
- Date: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}
- What: spawn \`tsx backend/local/main.ts\` → first \`200\` from \`/health\`, PGlite data directory already present. Target ≤ 1.5 s.

| First start (creates the database) | Cold start, median of 5 | min | max | ≤ 1.5 s |
|--:|--:|--:|--:|---|
| ${(first / 1000).toFixed(2)} s | ${(median / 1000).toFixed(2)} s | ${(sorted[0] / 1000).toFixed(2)} s | ${(sorted[4] / 1000).toFixed(2)} s | ${median <= 1500 ? "✅" : "❌"} |`;
replaceSection("docs/benchmarks.md", "bench:cold-start", section);
console.log(section);
