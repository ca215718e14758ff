/** Percentiles and medians over latency samples (pure functions). */

/** Nearest-rank percentile of an ascending-sorted array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}

export interface Summary {
  /** Requests sent in the measured window (warm-up excluded). */
  sent: number;
  /** Non-200 answers (and transport failures), warm-up included. */
  errors: number;
  /** Measured responses per second of the measured window. */
  throughput: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Share (0..1) of the machine's CPU that other processes used during the load. */
  otherCpu: number;
}

export function summarize(latenciesMs: readonly number[], errors: number, windowMs: number, otherCpu = Number.NaN): Summary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    sent: latenciesMs.length,
    errors,
    throughput: windowMs > 0 ? (latenciesMs.length * 1000) / windowMs : Number.NaN,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    otherCpu,
  };
}

/** Median of each metric over several runs; errors and sent are totals. */
export function combineRuns(runs: readonly Summary[]): Summary {
  const pick = (key: keyof Summary) => runs.map((r) => r[key]);
  return {
    sent: pick("sent").reduce((a, b) => a + b, 0),
    errors: pick("errors").reduce((a, b) => a + b, 0),
    throughput: median(pick("throughput")),
    p50: median(pick("p50")),
    p90: median(pick("p90")),
    p99: median(pick("p99")),
    max: median(pick("max")),
    otherCpu: median(pick("otherCpu")),
  };
}
