/**
 * Other work may share this machine. Before a measurement, wait for the machine to be
 * quiet; after it, if other processes took much CPU meanwhile, measure again (keeping the
 * least disturbed attempt).
 */
import { machineBusyPercent } from "./proc-stats.ts";

export const QUIET_BELOW_PERCENT = 30;
export const DISTURBED_ABOVE_PERCENT = 50;

export interface QuietOptions {
  maxWaitS: number;
  attempts: number;
}

/** Resolves once the machine is below `below` % busy (100 = one core) over 2 s, or after maxWaitS. */
export async function waitForQuiet(maxWaitS: number, below = QUIET_BELOW_PERCENT): Promise<void> {
  const started = Date.now();
  let warned = false;
  for (;;) {
    const busy = await machineBusyPercent(2000);
    if (busy < below) return;
    if ((Date.now() - started) / 1000 >= maxWaitS) {
      console.warn(`  machine still ${busy.toFixed(0)} % busy after ${maxWaitS} s; measuring anyway`);
      return;
    }
    if (!warned) console.warn(`  machine ${busy.toFixed(0)} % busy (other processes); waiting up to ${maxWaitS} s for < ${below} %...`);
    warned = true;
  }
}

export const retryLog = { repeated: 0, stillDisturbed: 0 };

/** Runs `measure` after waiting for quiet, again while `otherCpu(result)` says it was disturbed. */
export async function measureUndisturbed<T>(o: QuietOptions, measure: () => Promise<T>, otherCpu: (r: T) => number): Promise<T> {
  let best: T | undefined;
  for (let attempt = 1; attempt <= o.attempts; attempt++) {
    await waitForQuiet(o.maxWaitS);
    const result = await measure();
    if (best === undefined || otherCpu(result) < otherCpu(best)) best = result;
    if (otherCpu(result) <= DISTURBED_ABOVE_PERCENT) return result;
    if (attempt < o.attempts) {
      retryLog.repeated++;
      console.warn(`  other processes used ${otherCpu(result).toFixed(0)} % CPU during the measurement; measuring again`);
    }
  }
  retryLog.stillDisturbed++;
  return best!;
}
