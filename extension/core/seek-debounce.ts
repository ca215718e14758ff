/**
 * Seeks come in bursts (scrubbing, arrow keys): only the last one, after 300 ms of
 * quiet, is sent. Pure: the caller feeds times and polls.
 */
export const SEEK_QUIET_MS = 300;

export class SeekDebounce {
  private pending: { position: number; at: number } | null = null;

  seeked(position: number, nowMs: number): void {
    this.pending = { position, at: nowMs };
  }

  /** The settled seek position once the user has been quiet long enough, else null. */
  take(nowMs: number): number | null {
    if (!this.pending || nowMs - this.pending.at < SEEK_QUIET_MS) return null;
    const { position } = this.pending;
    this.pending = null;
    return position;
  }

  get waiting(): boolean {
    return this.pending !== null;
  }
}
