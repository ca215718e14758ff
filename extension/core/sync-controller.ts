/**
 * The member-side correction ladder (DESIGN.md section 7). Given where the host's video
 * should be and where ours is, decide: nothing, a gentle playbackRate change, or a seek.
 * Pure: the caller passes the time and applies the decision to the <video>.
 *
 *   |Δ| < 30 ms          nothing (and rate back to exactly the host's once |Δ| < 15 ms)
 *   30 ms ≤ |Δ| ≤ 1 s    playbackRate = host rate × (1 ± up to 8 %), pitch preserved
 *   |Δ| > 1 s            seek to expected + learned seek latency, at most once per 3 s
 *
 * One exception to the 3 s spacing: a seek that lands more than 60 ms off (it took longer
 * than the latency learned so far, e.g. on a busy machine) gets one corrective seek with the
 * freshly learned latency, instead of seconds of rate correction.
 */

export const SYNC = {
  deadbandMs: 30,
  settleMs: 15,
  seekThresholdMs: 1000,
  maxRateAdjust: 0.08,
  /** Rate change per second of error: 62.5 ms behind → the full +8 %. */
  gainPerSecond: 1.28,
  minSeekIntervalMs: 3000,
  correctiveSeekOverMs: 60,
  correctiveWindowMs: 1500,
  initialSeekLatencyMs: 80,
} as const;

export type SyncDecision =
  | { kind: "none" }
  | { kind: "rate"; rate: number }
  | { kind: "seek"; to: number }
  | { kind: "play" }
  | { kind: "pause"; at: number };

export interface VideoReading {
  position: number;
  paused: boolean;
  rate: number;
}

export interface Target {
  position: number;
  paused: boolean;
  rate: number;
}

export class SyncController {
  private lastSeekAt = -Infinity;
  private seekLatencyMs: number = SYNC.initialSeekLatencyMs;
  private pendingSeekAt: number | null = null;
  /** When the last seek we asked for completed, while a corrective seek is still allowed. */
  private correctiveFrom: number | null = null;
  private lastSeekWasCorrective = false;
  private correcting = false;

  /** The signed error in ms (positive: we are behind the host). */
  static errorMs(target: Target, video: VideoReading): number {
    return (target.position - video.position) * 1000;
  }

  decide(target: Target, video: VideoReading, nowMs: number): SyncDecision {
    if (target.paused) {
      if (!video.paused) return { kind: "pause", at: target.position };
      if (Math.abs(SyncController.errorMs(target, video)) > SYNC.deadbandMs) return this.seek(target.position, nowMs, false);
      return video.rate !== target.rate ? { kind: "rate", rate: target.rate } : { kind: "none" };
    }
    const error = SyncController.errorMs(target, video);
    const size = Math.abs(error);
    if (this.correctiveFrom !== null) {
      const recent = nowMs - this.correctiveFrom < SYNC.correctiveWindowMs;
      if (recent && size > SYNC.correctiveSeekOverMs && !video.paused) {
        this.correctiveFrom = null;
        this.lastSeekWasCorrective = true;
        const lead = (this.seekLatencyMs / 1000) * target.rate;
        this.lastSeekAt = nowMs;
        this.pendingSeekAt = nowMs;
        this.correcting = false;
        return { kind: "seek", to: Math.max(0, target.position + lead) };
      }
      if (!recent) this.correctiveFrom = null;
    }
    if (size > SYNC.seekThresholdMs) {
      if (nowMs - this.lastSeekAt < SYNC.minSeekIntervalMs) return this.rateFor(target, error, video);
      const lead = (this.seekLatencyMs / 1000) * target.rate;
      return this.seek(target.position + lead, nowMs, true);
    }
    if (video.paused) return { kind: "play" };
    return this.rateFor(target, error, video);
  }

  /** The video finished a seek we asked for: learn how long seeking takes here. */
  seekCompleted(nowMs: number): void {
    if (this.pendingSeekAt === null) return;
    const took = nowMs - this.pendingSeekAt;
    // Smooth, and bound it: one slow seek (a network stall) must not throw later seeks far ahead.
    this.seekLatencyMs = Math.min(1000, Math.max(0, 0.7 * this.seekLatencyMs + 0.3 * took));
    this.pendingSeekAt = null;
    // A first seek may be followed by one corrective seek; a corrective one may not.
    this.correctiveFrom = this.lastSeekWasCorrective ? null : nowMs;
    this.lastSeekWasCorrective = false;
  }

  get learnedSeekLatencyMs(): number {
    return this.seekLatencyMs;
  }

  private seek(to: number, nowMs: number, adjustForLatency: boolean): SyncDecision {
    this.lastSeekAt = nowMs;
    if (adjustForLatency) this.pendingSeekAt = nowMs;
    this.correcting = false;
    return { kind: "seek", to: Math.max(0, to) };
  }

  private rateFor(target: Target, errorMs: number, video: VideoReading): SyncDecision {
    const size = Math.abs(errorMs);
    // Hysteresis: start correcting past 30 ms, stop only once within 15 ms.
    if (this.correcting ? size < SYNC.settleMs : size < SYNC.deadbandMs) {
      this.correcting = false;
      return video.rate !== target.rate ? { kind: "rate", rate: target.rate } : { kind: "none" };
    }
    this.correcting = true;
    const adjust = Math.max(-SYNC.maxRateAdjust, Math.min(SYNC.maxRateAdjust, (errorMs / 1000) * SYNC.gainPerSecond));
    const rate = round4(target.rate * (1 + adjust));
    return rate === video.rate ? { kind: "none" } : { kind: "rate", rate };
  }
}

function round4(n: number): number {
  return Math.round(n * 10000) / 10000;
}
