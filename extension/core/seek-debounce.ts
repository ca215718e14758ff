/**
 * Seeks come in bursts (scrubbing, arrow keys). The first seek of a burst goes out at
 * once, so a single seek reaches members without delay; later ones in the burst are
 * held until 300 ms of quiet and only the last is sent. Pure: the caller feeds times.
 */
export const SEEK_QUIET_MS = 300;

export class SeekDebounce {
  private lastSeekAt = -Infinity;
  private trailing = false;

  /** Records a seek; true when it should be sent now (the leading edge of a burst). */
  seeked(nowMs: number): boolean {
    const leading = nowMs - this.lastSeekAt >= SEEK_QUIET_MS;
    this.lastSeekAt = nowMs;
    if (!leading) this.trailing = true;
    return leading;
  }

  /** No seek in the last 300 ms: a seek starting now begins a new burst. */
  quiet(nowMs: number): boolean {
    return nowMs - this.lastSeekAt >= SEEK_QUIET_MS;
  }

  /** True once, when a burst has been quiet long enough and its last seek is still unsent. */
  settled(nowMs: number): boolean {
    if (!this.trailing || nowMs - this.lastSeekAt < SEEK_QUIET_MS) return false;
    this.trailing = false;
    return true;
  }
}
