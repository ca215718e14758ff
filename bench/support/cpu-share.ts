/**
 * How much of the machine other processes used while a load ran, so a reader can tell a
 * slow stack from a busy machine. Linux only (/proc); elsewhere it reports NaN.
 * Other = all busy CPU time − this process (every thread) − the PostgreSQL backends
 * serving the benchmark database.
 */
import { readFileSync } from "node:fs";
import { cpus } from "node:os";

const TICK_MS = 10; // USER_HZ is 100 on every Linux this runs on

function machineBusyMs(): number {
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal: all but idle and iowait is busy
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return (user + nice + system + irq + softirq + steal) * TICK_MS;
}

function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
  } catch {
    return 0; // the process has gone
  }
}

export interface CpuMeter {
  /** Share (0..1) of all cores used by other processes since start(). */
  stop(pgPids: readonly number[]): number;
}

/** Starts measuring; `pgPids` are the database backends to count as ours (none for PGlite). */
export function startCpuMeter(pgPids: readonly number[]): CpuMeter {
  let ok = true;
  const read = (pids: readonly number[]) => {
    try {
      const self = process.cpuUsage();
      return {
        wall: performance.now(),
        busy: machineBusyMs(),
        ours: (self.user + self.system) / 1000 + pids.reduce((sum, pid) => sum + processCpuMs(pid), 0),
      };
    } catch {
      ok = false;
      return { wall: performance.now(), busy: 0, ours: 0 };
    }
  };
  const pidsAtStart = [...pgPids];
  const start = read(pidsAtStart);
  return {
    stop(pgPidsNow) {
      // Backends that appeared during the load count from zero: they did not exist at the start.
      const newPids = pgPidsNow.filter((p) => !pidsAtStart.includes(p));
      const end = read(pidsAtStart);
      const newOurs = newPids.reduce((sum, pid) => sum + processCpuMs(pid), 0);
      if (!ok) return Number.NaN;
      const other = end.busy - start.busy - (end.ours - start.ours) - newOurs;
      return Math.max(0, other / ((end.wall - start.wall) * cpus().length));
    },
  };
}

/** Below this share of the machine used by others, it counts as quiet (30 % of one core on 2). */
export const QUIET_SHARE = 0.15;

/**
 * Waits until other processes have used less than QUIET_SHARE of the CPU for two 1 s samples
 * in a row, or `maxWaitMs` has passed. Resolves to whether the machine was quiet.
 */
export async function waitForQuietMachine(maxWaitMs: number, onWait: (share: number) => void): Promise<boolean> {
  const started = performance.now();
  let quietSamples = 0;
  let warned = false;
  while (performance.now() - started < maxWaitMs) {
    const meter = startCpuMeter([]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const share = meter.stop([]);
    if (!Number.isFinite(share)) return true; // no /proc: cannot tell, do not wait
    quietSamples = share < QUIET_SHARE ? quietSamples + 1 : 0;
    if (quietSamples >= 2) return true;
    if (share >= QUIET_SHARE && !warned) {
      warned = true;
      onWait(share);
    }
  }
  return false;
}
