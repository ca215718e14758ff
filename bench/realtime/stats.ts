/** Percentiles and medians (pure). */

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarizeLatencies(values: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: percentileSorted(sorted, 50),
    p99: percentileSorted(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

/** Median of the finite values; NaN when there are none. */
export function median(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}

/**
 * Folds several runs of the same shape into one: every numeric field (also in nested
 * plain objects) becomes the median of that field across runs; others come from run 1.
 */
export function medianOfRuns<T>(runs: readonly T[]): T {
  const first = runs[0] as unknown;
  if (runs.length === 1) return runs[0];
  if (typeof first === "number") return median(runs as unknown as number[]) as T;
  if (typeof first !== "object" || first === null || Array.isArray(first)) return runs[0];
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(first)) out[key] = medianOfRuns(runs.map((r) => (r as Record<string, unknown>)[key]));
  return out as T;
}
