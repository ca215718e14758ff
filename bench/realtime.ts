/**
 * `npm run bench:realtime`: load-tests the local stack's Realtime server (a child process,
 * PGlite in memory) and writes the results to docs/benchmarks.md (bench:realtime section).
 *   A. fan-out: one public channel, 10 / 100 / 1,000 subscribers, one sender at 10 msg/s;
 *   B. presence load: 500 rooms × 4 members, presence tracked, a heartbeat per member per second.
 *
 *   npx tsx bench/realtime.ts [--runs N] [--quick] [--clients N] [--cpu-prof] [--no-docs] [--docs]
 *
 * --runs N     repeat everything N times; tables show the median of each number across runs
 * --quick      a smaller, shorter smoke run (does not touch the docs unless --docs is given)
 * --no-docs    never write the docs; --docs: write them even for --quick or --cpu-prof
 * --clients N  client processes that hold the subscriber sockets (default 2)
 * --client-socket light|ws  subscriber socket implementation (default light, see realtime/light-socket.ts)
 * --cpu-prof   profile the stack process (node --cpu-prof) and print where its time goes; the
 *              profiler costs the stack CPU and latency, so such a run does not touch the docs
 *              unless --docs is given
 * --only a|b   run one scenario
 * --max-wait S before each measurement, wait up to S s (default 300) for the machine to be quiet
 * --attempts N repeat a measurement other processes disturbed, up to N attempts in all (default 3)
 * Exits non-zero only when something crashes; a missed target is a result, not a failure.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeSection } from "./realtime/docs-section.ts";
import { type FanoutResult, runFanout } from "./realtime/fanout.ts";
import { describeHeader, describeMethod } from "./realtime/method.ts";
import { runPresenceLoad, type PresenceResult } from "./realtime/presence-load.ts";
import { machineBusyPercent, openFileLimit } from "./realtime/proc-stats.ts";
import { formatProfile } from "./realtime/profile-summary.ts";
import { measureUndisturbed, retryLog } from "./realtime/quiet.ts";
import { fanoutPerRun, fanoutTable, fanoutVerdict, presencePerRun, presenceTables, presenceVerdict } from "./realtime/report.ts";
import type { SocketKind } from "./realtime/socket-kinds.ts";
import { startStackProcess, type StackProcess } from "./realtime/stack-process.ts";
import { medianOfRuns } from "./realtime/stats.ts";

const DOCS_FILE = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url));
const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "1" },
    quick: { type: "boolean", default: false },
    clients: { type: "string", default: "2" },
    "client-socket": { type: "string", default: "light" },
    "cpu-prof": { type: "boolean", default: false },
    only: { type: "string" },
    "max-wait": { type: "string", default: "300" },
    attempts: { type: "string", default: "3" },
    docs: { type: "boolean", default: false },
    "no-docs": { type: "boolean", default: false },
  },
});
const runs = Math.max(1, Number(args.runs) || 1);
const clients = Math.max(1, Number(args.clients) || 2);
const quick = args.quick;
const socket: SocketKind = args["client-socket"] === "ws" ? "ws" : "light";
const quiet = { maxWaitS: Math.max(0, Number(args["max-wait"]) || 0), attempts: Math.max(1, Number(args.attempts) || 1) };
export const plan = {
  levels: quick ? [10, 100] : [10, 100, 1000],
  fanout: { rate: 10, warmupS: quick ? 1 : 3, durationS: quick ? 3 : 10, graceS: quick ? 1 : 2 },
  presence: { rooms: quick ? 50 : 500, members: 4, beatMs: 1000, idleS: quick ? 2 : 5, settleS: quick ? 2 : 5, warmupS: quick ? 1 : 3, durationS: quick ? 5 : 20 },
};
const profileDir = args["cpu-prof"] ? mkdtempSync(join(tmpdir(), "watchium-realtime-prof-")) : undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withStack<T>(label: string, body: (stack: StackProcess) => Promise<T>): Promise<T> {
  const stack = await startStackProcess({ cpuProfDir: profileDir && join(profileDir, label) });
  try {
    await sleep(2000); // let startup work (migrations, JIT) settle
    await stack.collectGarbage(); // and measure memory without the garbage startup leaves
    return await body(stack);
  } finally {
    await stack.stop();
  }
}

async function main(): Promise<void> {
  const busy = await machineBusyPercent(1000);
  if (busy > 10) console.warn(`warning: the machine is ${busy.toFixed(0)} % busy before the run; results will be noisy`);
  console.log(`realtime bench: ${runs} run(s)${quick ? ", quick" : ""}, ${clients} client process(es), open files ${openFileLimit()}`);
  const fanoutRuns: FanoutResult[][] = [];
  const presenceRuns: PresenceResult[] = [];
  for (let run = 1; run <= runs; run++) {
    if (args.only !== "b") {
      fanoutRuns.push(await withStack(`fanout-${run}`, async (stack) => {
        const rows: FanoutResult[] = [];
        for (const subscribers of plan.levels) {
          console.log(`run ${run}: fan-out to ${subscribers} subscribers...`);
          rows.push(await measureUndisturbed(quiet, () => runFanout(stack, { subscribers, clients, socket, ...plan.fanout }), (r) => r.otherCpu));
          const r = rows[rows.length - 1];
          console.log(`  p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms, missing ${r.missing}, stack CPU ${r.serverCpu.toFixed(0)} %, other processes ${r.otherCpu.toFixed(0)} %`);
        }
        return rows;
      }));
    }
    if (args.only !== "a") {
      const { rooms, members } = plan.presence;
      console.log(`run ${run}: presence load, ${rooms} rooms × ${members} members...`);
      const r = await measureUndisturbed(
        quiet,
        () => withStack(`presence-${run}`, (stack) => runPresenceLoad(stack, { clients, socket, ...plan.presence })),
        (r) => Math.max(r.load.otherCpu, r.connected.otherCpu),
      );
      console.log(`  connect ${r.connectS.toFixed(1)} s, CPU idle/connected/load ${r.idle.cpu.toFixed(0)}/${r.connected.cpu.toFixed(0)}/${r.load.cpu.toFixed(0)} %, RSS ${r.idle.rssMb.toFixed(0)}/${r.connected.rssMb.toFixed(0)}/${r.load.rssMb.toFixed(0)} MB, ${r.deliveredPerSec.toFixed(0)} msg/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, missing ${r.missing}, other processes ${r.load.otherCpu.toFixed(0)} %`);
      presenceRuns.push(r);
    }
  }

  const fanout = fanoutRuns.length ? plan.levels.map((_, i) => medianOfRuns(fanoutRuns.map((rows) => rows[i]))) : [];
  const presence = presenceRuns.length ? medianOfRuns(presenceRuns) : undefined;
  const { rooms, members } = plan.presence;
  const context = { runs, quick, clients, socket, busy, quiet, retries: retryLog, plan, cores: cpus().length, cpuModel: cpus()[0]?.model ?? "?", openFiles: openFileLimit(), fanout, presence };
  const parts = ["## Realtime (WebSocket) under load", describeHeader(context)];
  if (fanout.length) parts.push("### A. Fan-out: one public channel", fanoutTable(fanout), fanoutVerdict(fanout, fanoutRuns));
  if (fanout.length && runs > 1) parts.push(fanoutPerRun(fanoutRuns));
  if (presence) parts.push(`### B. Presence load: ${rooms} rooms × ${members} members`, presenceTables(presence, rooms, members), presenceVerdict(presence, rooms, members));
  if (presence && runs > 1) parts.push(presencePerRun(presenceRuns));
  parts.push(describeMethod(context));
  const body = parts.join("\n\n");
  console.log(`\n${body}\n`);

  if (profileDir) {
    // The stack's main thread, only in the measured phases.
    for (const dir of readdirSync(profileDir)) {
      const files = readdirSync(join(profileDir, dir)).map((f) => join(profileDir, dir, f));
      const run = Number(dir.split("-").pop()) - 1;
      const windows = dir.startsWith("fanout")
        ? fanoutRuns[run].map((r) => [`${r.subscribers} subscribers`, r.window] as const)
        : [[`load phase`, presenceRuns[run].window] as const];
      for (const [label, window] of windows) console.log(`\n[${dir}, ${label}] ${formatProfile(files, [window])}`);
    }
    console.log(`\nprofiles kept in ${profileDir}`);
  }
  if (!args["no-docs"] && ((!quick && !profileDir) || args.docs)) {
    writeSection(DOCS_FILE, body);
    console.log(`wrote the bench:realtime section of ${DOCS_FILE}`);
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130)); // children are killed on exit

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
