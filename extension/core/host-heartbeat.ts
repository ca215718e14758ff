/**
 * When the host sends its playback state: at once on every change, then every 1 s for
 * 5 s (so a member who missed one hears again soon), then every 5 s. This keeps the
 * steady-state cost near 0.2 messages per member per second. Pure.
 */
export const HEARTBEAT = { fastMs: 1000, fastForMs: 5000, slowMs: 5000 } as const;

export class HostHeartbeat {
  private lastChangeAt = -Infinity;
  private lastSentAt = -Infinity;

  /** A state change was just sent. */
  changed(nowMs: number): void {
    this.lastChangeAt = nowMs;
    this.lastSentAt = nowMs;
  }

  /** Whether a heartbeat is due now; if so it counts as sent. */
  due(nowMs: number): boolean {
    const interval = nowMs - this.lastChangeAt < HEARTBEAT.fastForMs ? HEARTBEAT.fastMs : HEARTBEAT.slowMs;
    if (nowMs - this.lastSentAt < interval) return false;
    this.lastSentAt = nowMs;
    return true;
  }
}
