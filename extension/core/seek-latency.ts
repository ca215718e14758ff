/**
 * How long this player takes to seek: the time from setting `currentTime` to `seeked`,
 * learned from the seeks we time. Members use it to aim a seek where the host will be
 * when it lands; the host uses it to say when it will be playing again after a seek.
 * A seek inside what the player has already buffered is an order of magnitude faster
 * than one that must fetch (measured in Chromium: 1–20 ms against 40–250 ms), so the two
 * are learned apart. Pure: the caller passes the times.
 */
export const SEEK_LATENCY = { initialMs: 80, bufferedInitialMs: 10, maxMs: 1000 } as const;

/** Time ranges the player holds data for, as [start, end] seconds (from `video.buffered`). */
export type BufferedRanges = ReadonlyArray<readonly [number, number]>;

export function isBuffered(ranges: BufferedRanges | undefined, position: number): boolean {
  return (ranges ?? []).some(([start, end]) => position >= start && position <= end);
}

export class SeekLatency {
  private pendingSince: number | null = null;
  private pendingInBuffer = false;
  private readonly learned = { buffered: SEEK_LATENCY.bufferedInitialMs as number, fresh: SEEK_LATENCY.initialMs as number };

  /** A seek we want timed started; `inBuffer`: its target was already buffered. */
  started(nowMs: number, inBuffer = false): void {
    this.pendingSince = nowMs;
    this.pendingInBuffer = inBuffer;
  }

  get pending(): boolean {
    return this.pendingSince !== null;
  }

  /** The video said `seeked`; true when it ended a timed seek (and was learned from). */
  completed(nowMs: number): boolean {
    if (this.pendingSince === null) return false;
    const took = nowMs - this.pendingSince;
    const kind = this.pendingInBuffer ? "buffered" : "fresh";
    this.pendingSince = null;
    // Smooth, and bound it: one slow seek (a network stall) must not throw later seeks far ahead.
    this.learned[kind] = Math.min(SEEK_LATENCY.maxMs, Math.max(0, 0.7 * this.learned[kind] + 0.3 * took));
    return true;
  }

  /** How long since the pending seek started (0 when none is pending). */
  pendingForMs(nowMs: number): number {
    return this.pendingSince === null ? 0 : nowMs - this.pendingSince;
  }

  /** The expected duration of a seek whose target is (or is not) already buffered. */
  ms(inBuffer = false): number {
    return inBuffer ? this.learned.buffered : this.learned.fresh;
  }
}
