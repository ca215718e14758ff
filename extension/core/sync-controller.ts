/**
 * The member-side correction ladder (DESIGN.md section 7). Given where the host's video
 * should be and where ours is, decide: nothing, a gentle playbackRate change, or a seek.
 * Pure: the caller passes the time and applies the decision to the <video>.
 *
 *   |Δ| < 10 ms          nothing (and rate back to exactly the host's once |Δ| < 3 ms)
 *   10 ms ≤ |Δ| ≤ 1 s    playbackRate = host rate × (1 ± up to 8 %), pitch preserved
 *   |Δ| > 1 s            seek to where the host will be when the seek lands, at most once per 3 s
 *
 * The dead band is narrower than DESIGN.md's 30 / 15 ms: the error stays wherever the last
 * correction stopped, so a 15 ms exit left members 10–15 ms off for good; the player's
 * clock is smooth to well under a millisecond, so 10 / 3 ms does not flap.
 *
 * A seek the host announces as it starts (a provisional target) is followed at once; a
 * member that lands first pauses there until the host plays on, and nothing else is
 * corrected against it until the host says where it really resumed.
 *
 * One exception to the 3 s spacing: a seek that lands more than 40 ms off (it took longer
 * than the latency learned so far, e.g. on a busy machine) gets one corrective seek with the
 * freshly learned latency, instead of seconds of rate correction.
 */
import { type BufferedRanges, isBuffered, SeekLatency } from "./seek-latency.ts";

export const SYNC = {
  deadbandMs: 10,
  settleMs: 3,
  seekThresholdMs: 1000,
  maxRateAdjust: 0.08,
  /** Rate change per second of error: 62.5 ms behind → the full +8 %. */
  gainPerSecond: 1.28,
  minSeekIntervalMs: 3000,
  correctiveSeekOverMs: 40,
  correctiveWindowMs: 1500,
} as const;

type SeekDecision = { kind: "seek"; to: number };

export type SyncDecision =
  | { kind: "none" }
  | { kind: "rate"; rate: number }
  | SeekDecision
  /** Play; from `at` first when we are too far off to start where we stand. */
  | { kind: "play"; at?: number }
  | { kind: "pause"; at: number }
  /** Pause where we are (the host is still seeking); the next state plays on. */
  | { kind: "hold" };

export interface VideoReading {
  position: number;
  paused: boolean;
  rate: number;
  /** The video is still carrying out a seek (its position is the seek's target, not moving). */
  seeking?: boolean;
  /** What the player has buffered: a seek inside it lands much sooner. */
  buffered?: BufferedRanges;
}

export interface Target {
  /** Where the host's video is now. */
  position: number;
  paused: boolean;
  rate: number;
  /** The host holds `position` this much longer before it moves (it is finishing a seek). */
  holdMs?: number;
  /**
   * The host is seeking and stands at `position`: go there and wait, but correct nothing
   * else against it (where it really plays on from comes with the next state).
   */
  provisional?: boolean;
}

export class SyncController {
  private lastSeekAt = -Infinity;
  private readonly latency = new SeekLatency();
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
      if (Math.abs(SyncController.errorMs(target, video)) > SYNC.deadbandMs) return this.seek(target.position, nowMs);
      return video.rate !== target.rate ? { kind: "rate", rate: target.rate } : { kind: "none" };
    }
    // While our own seek is under way the position stands still: judging it now would
    // only start a rate correction against an error that is about to vanish.
    if (video.seeking && this.latency.pending && this.latency.pendingForMs(nowMs) < SYNC.minSeekIntervalMs) return { kind: "none" };
    const error = SyncController.errorMs(target, video);
    const size = Math.abs(error);
    if (target.provisional) {
      // A jump the host made is no drift of ours: the 3 s spacing (against seek loops) does
      // not apply to big ones, and a small one is jumped too rather than crawled with the rate.
      const spaced = nowMs - this.lastSeekAt >= SYNC.minSeekIntervalMs;
      if (size > SYNC.seekThresholdMs || (size > SYNC.correctiveSeekOverMs && spaced)) return this.seekTo(target, video, nowMs);
      // Landed while the host is still seeking: wait for it there, as its own viewer does.
      if (!video.paused && error < -SYNC.deadbandMs) return { kind: "hold" };
      return { kind: "none" };
    }
    if (this.correctiveFrom !== null) {
      const recent = nowMs - this.correctiveFrom < SYNC.correctiveWindowMs;
      if (recent && size > SYNC.correctiveSeekOverMs && !video.paused) {
        this.correctiveFrom = null;
        this.lastSeekWasCorrective = true;
        return this.seekTo(target, video, nowMs);
      }
      if (!recent) this.correctiveFrom = null;
    }
    if (size > SYNC.seekThresholdMs) {
      if (nowMs - this.lastSeekAt < SYNC.minSeekIntervalMs) return this.rateFor(target, error, video);
      return this.seekTo(target, video, nowMs);
    }
    if (video.paused) {
      // Paused anyway (e.g. waiting at a seeking host's target): start from the right spot.
      if (size <= SYNC.correctiveSeekOverMs) return { kind: "play" };
      return { kind: "play", at: this.seekTo(target, video, nowMs).to };
    }
    return this.rateFor(target, error, video);
  }

  /** The video finished a seek: learn how long seeking takes here, if it was ours. True if it was. */
  seekCompleted(nowMs: number): boolean {
    if (!this.latency.completed(nowMs)) return false;
    // A first seek may be followed by one corrective seek; a corrective one may not.
    this.correctiveFrom = this.lastSeekWasCorrective ? null : nowMs;
    this.lastSeekWasCorrective = false;
    return true;
  }

  /** The learned duration of a seek to an unbuffered (or, with `true`, a buffered) position. */
  learnedSeekLatencyMs(inBuffer = false): number {
    return this.latency.ms(inBuffer);
  }

  /**
   * Seeks to where the host will be once the seek lands: the seek takes the learned
   * latency (short inside the buffer), and the host may hold still for a while yet.
   */
  private seekTo(target: Target, video: VideoReading, nowMs: number): SeekDecision {
    const inBuffer = isBuffered(video.buffered, target.position);
    const movingMs = Math.max(0, this.latency.ms(inBuffer) - (target.holdMs ?? 0));
    const decision = this.seek(target.position + (movingMs / 1000) * target.rate, nowMs);
    this.latency.started(nowMs, inBuffer);
    return decision;
  }

  /** An untimed seek (to a paused host's position, where timing does not matter). */
  private seek(to: number, nowMs: number): SeekDecision {
    this.lastSeekAt = nowMs;
    this.correcting = false;
    return { kind: "seek", to: Math.max(0, to) };
  }

  private rateFor(target: Target, errorMs: number, video: VideoReading): SyncDecision {
    const size = Math.abs(errorMs);
    // Hysteresis: start correcting past the dead band, stop only once within the settle band.
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
