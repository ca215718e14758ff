/** Counts events in a sliding window (pure; the caller passes the time). */
export class RateWindow {
  private readonly times: number[] = [];

  constructor(private readonly max: number, private readonly windowMs: number) {}

  /** Records an event at `nowMs` and says whether it was within the limit. */
  hit(nowMs: number): boolean {
    while (this.times.length > 0 && this.times[0] <= nowMs - this.windowMs) this.times.shift();
    if (this.times.length >= this.max) return false;
    this.times.push(nowMs);
    return true;
  }
}
