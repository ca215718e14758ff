/**
 * Supabase closes a channel whose client sends more than 5 presence updates in 30 s.
 * This keeps us at 4: an update beyond that waits, and only the latest waiting one is
 * sent when the window allows. Pure: the caller passes times.
 */
export const PRESENCE_BUDGET = { max: 4, windowMs: 30_000 } as const;

export class PresenceThrottle<T> {
  private sent: number[] = [];
  private waiting: { value: T } | null = null;

  /** Returns the value to send now, or null if it must wait (it replaces any waiting one). */
  offer(value: T, nowMs: number): T | null {
    this.prune(nowMs);
    if (this.sent.length < PRESENCE_BUDGET.max) {
      this.sent.push(nowMs);
      this.waiting = null;
      return value;
    }
    this.waiting = { value };
    return null;
  }

  /** The waiting value once it may go, else null. */
  due(nowMs: number): T | null {
    if (!this.waiting) return null;
    this.prune(nowMs);
    if (this.sent.length >= PRESENCE_BUDGET.max) return null;
    const { value } = this.waiting;
    this.waiting = null;
    this.sent.push(nowMs);
    return value;
  }

  /** Milliseconds until a waiting value may go (for a timer); null when nothing waits. */
  waitMs(nowMs: number): number | null {
    if (!this.waiting) return null;
    this.prune(nowMs);
    return this.sent.length < PRESENCE_BUDGET.max ? 0 : this.sent[0] + PRESENCE_BUDGET.windowMs - nowMs + 1;
  }

  private prune(nowMs: number): void {
    this.sent = this.sent.filter((t) => nowMs - t < PRESENCE_BUDGET.windowMs);
  }
}
