/**
 * Estimates the offset between our clock and a peer's (the host's) from ping/pong
 * round trips, NTP style. Keeps the last 8 samples; the one with the smallest round
 * trip is the least disturbed by queuing, so its offset wins. Pure: callers pass times.
 */

export interface ClockSample {
  /** Our clock when the ping left. */
  t0: number;
  /** The peer's clock when it answered. */
  peer: number;
  /** Our clock when the pong arrived. */
  t3: number;
}

export interface ClockEstimate {
  /** peer clock − our clock, in ms. */
  offsetMs: number;
  /** Round trip of the sample the offset came from, in ms. */
  rttMs: number;
  samples: number;
}

export const MAX_SAMPLES = 8;

export class ClockEstimator {
  private samples: Array<{ offset: number; rtt: number }> = [];

  add(sample: ClockSample): void {
    const rtt = sample.t3 - sample.t0;
    if (!(rtt >= 0) || !Number.isFinite(sample.peer)) return; // clock went backwards or garbage
    // The peer answered somewhere inside the round trip; assume the middle.
    const offset = sample.peer - (sample.t0 + rtt / 2);
    this.samples.push({ offset, rtt });
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
  }

  /** Null until the first sample. Samples slower than twice the fastest are ignored. */
  estimate(): ClockEstimate | null {
    if (this.samples.length === 0) return null;
    const fastest = Math.min(...this.samples.map((s) => s.rtt));
    const good = this.samples.filter((s) => s.rtt <= Math.max(2 * fastest, fastest + 1));
    const best = good.reduce((a, b) => (b.rtt < a.rtt ? b : a));
    return { offsetMs: best.offset, rttMs: best.rtt, samples: this.samples.length };
  }

  reset(): void {
    this.samples = [];
  }
}

export const PING_INTERVAL = { minMs: 30_000, maxMs: 120_000, perOtherMemberMs: 7_500 } as const;

/**
 * How often a member re-measures the clock in a room of `roomSize` people. A ping and its
 * pong are room broadcasts, so each reaches every other member: 2(N−1) deliveries per
 * ping, 2(N−1)/interval per member per second. Every 7.5 s per other member holds that to
 * 4/15 ≈ 0.27 (Supabase's quota counts deliveries), between 30 s and 2 minutes (clocks
 * drift apart by well under 10 ms in 2 minutes).
 */
export function pingIntervalMs(roomSize: number): number {
  const others = Math.max(1, roomSize - 1);
  return Math.min(PING_INTERVAL.maxMs, Math.max(PING_INTERVAL.minMs, others * PING_INTERVAL.perOtherMemberMs));
}
