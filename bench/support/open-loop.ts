/** Runs a LoadPlan in a worker thread (open-loop-worker.ts) and resolves to its result. */
import { Worker } from "node:worker_threads";
import type { LoadPlan, LoadResult } from "./load-plan.ts";
import { tsWorkerSource } from "./ts-worker.ts";

const BOOT = tsWorkerSource(new URL("./open-loop-worker.ts", import.meta.url).href);

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
