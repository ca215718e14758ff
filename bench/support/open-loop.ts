/** Runs a LoadPlan in a worker thread (open-loop-worker.ts) and resolves to its result. */
import { Worker } from "node:worker_threads";
import type { LoadPlan, LoadResult } from "./load-plan.ts";

// COMPAT(tsx): a Worker cannot start from a .ts file, even with `--import tsx` in execArgv
// (Node 20 loads the entry before the hooks are registered). A small eval'd entry registers
// tsx's loader first and then imports the TypeScript worker.
const TSX_API = import.meta.resolve("tsx/esm/api");
const WORKER = new URL("./open-loop-worker.ts", import.meta.url).href;
const BOOT = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER)}); })`;

export function runOpenLoop(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, { eval: true, workerData: plan });
    let answered = false;
    worker.once("message", (result: LoadResult) => {
      answered = true;
      resolve(result);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (!answered) reject(new Error(`load generator exited with code ${code} before reporting`));
    });
  });
}
