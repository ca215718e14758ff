/**
 * CPU and memory of processes from /proc (Linux): CPU % per 1 s sample from utime+stime,
 * resident memory from VmRSS, and the whole machine's busy time from /proc/stat, so the
 * CPU other processes took during a phase can be reported. Samples carry the phase
 * current when taken.
 */
import { readFileSync } from "node:fs";

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every mainstream Linux build. */
const CLK_TCK = 100;

export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields[0] is field 3 (state)
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime (14) + stime (15)
}

export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return kb ? Number(kb) / 1024 : NaN;
}

/** Busy CPU-seconds of the whole machine (all cores) since boot. */
function machineBusySeconds(): number {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1, 9).map(Number);
  return (cpu.reduce((a, b) => a + b, 0) - cpu[3] - cpu[4]) / CLK_TCK; // minus idle and iowait
}

/** CPU % (100 = one core) the whole machine used over `ms`. */
export async function machineBusyPercent(ms = 1000): Promise<number> {
  const a = machineBusySeconds();
  await new Promise((r) => setTimeout(r, ms));
  return (100 * (machineBusySeconds() - a)) / (ms / 1000);
}

export function openFileLimit(): string {
  const line = readFileSync("/proc/self/limits", "utf8").split("\n").find((l) => l.startsWith("Max open files"));
  const [soft, hard] = line?.split(/\s{2,}/).slice(1, 3) ?? ["?", "?"];
  return `${soft} (hard ${hard})`;
}

export interface Sample {
  phase: string;
  pid: number;
  cpuPercent: number;
  rssMb: number;
}

/** Pseudo pid of the samples of everything else on the machine (machine busy − the sampled pids). */
export const OTHERS = 0;

export class ProcSampler {
  readonly samples: Sample[] = [];
  private phase = "start";
  private timer?: ReturnType<typeof setInterval>;
  private last = new Map<number, number>();
  private lastAt = 0;

  /** `pids` are sampled one by one; the benchmark's own process is counted as ours too. */
  constructor(private readonly pids: number[], private readonly intervalMs = 1000) {}

  start(): void {
    this.read(this.last);
    this.lastAt = performance.now();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  /** Later samples belong to this phase; sampling restarts so no sample spans two phases. */
  setPhase(phase: string): void {
    this.stop();
    this.phase = phase;
    this.start();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  of(pid: number, phase: string): Sample[] {
    return this.samples.filter((s) => s.pid === pid && s.phase === phase);
  }

  private read(into: Map<number, number>): void {
    for (const pid of [...this.pids, process.pid]) into.set(pid, safe(() => cpuSeconds(pid)));
    into.set(OTHERS, machineBusySeconds());
  }

  private sample(): void {
    const now = performance.now();
    const seconds = (now - this.lastAt) / 1000;
    const current = new Map<number, number>();
    this.read(current);
    const pct = (pid: number) => (100 * (current.get(pid)! - this.last.get(pid)!)) / seconds;
    let ours = 0;
    for (const pid of this.pids) {
      this.samples.push({ phase: this.phase, pid, cpuPercent: pct(pid), rssMb: safe(() => rssMb(pid)) });
      ours += pct(pid);
    }
    ours += pct(process.pid);
    this.samples.push({ phase: this.phase, pid: OTHERS, cpuPercent: Math.max(0, pct(OTHERS) - ours), rssMb: NaN });
    this.last = current;
    this.lastAt = now;
  }
}

function safe(read: () => number): number {
  try {
    return read();
  } catch {
    return NaN; // the process has exited
  }
}
