/**
 * A member's clock against the host's, over the room channel: a burst of 8 pings when
 * joining or reconnecting, then one every 30 s (less often in big rooms, see
 * pingIntervalMs). The host answers pings addressed to it.
 */
import { ClockEstimator, MAX_SAMPLES, pingIntervalMs } from "../core/clock-estimator.ts";

export const CLOCK = { burstGapMs: 150 } as const;

export interface ClockSyncDeps {
  userId: string;
  send(event: "clock_ping", payload: { id: string; from: string; t0: number }): void;
  now(): number;
  /** How many people are in the room now. */
  roomSize(): number;
  onEstimate(offsetMs: number, rttMs: number): void;
}

export class ClockSync {
  private readonly estimator = new ClockEstimator();
  private timers: ReturnType<typeof setTimeout>[] = [];
  private next: ReturnType<typeof setTimeout> | undefined;
  private counter = 0;

  constructor(private readonly deps: ClockSyncDeps) {}

  get offsetMs(): number {
    return this.estimator.estimate()?.offsetMs ?? 0;
  }

  /** Starts (or restarts, after a reconnect or host change) measuring. */
  burst(): void {
    this.stop();
    this.estimator.reset();
    for (let i = 0; i < MAX_SAMPLES; i++) this.timers.push(setTimeout(() => this.ping(), i * CLOCK.burstGapMs));
    this.scheduleNext();
  }

  pong(payload: { id: string; to: string; t0: number; peer: number }): void {
    if (payload.to !== this.deps.userId) return;
    this.estimator.add({ t0: payload.t0, peer: payload.peer, t3: this.deps.now() });
    const estimate = this.estimator.estimate();
    if (estimate) this.deps.onEstimate(estimate.offsetMs, estimate.rttMs);
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    if (this.next) clearTimeout(this.next);
    this.next = undefined;
  }

  /** One ping after the interval for the room's size now (it changes as people come and go). */
  private scheduleNext(): void {
    this.next = setTimeout(() => {
      this.ping();
      this.scheduleNext();
    }, pingIntervalMs(this.deps.roomSize()));
  }

  private ping(): void {
    this.counter += 1;
    this.deps.send("clock_ping", { id: `${this.deps.userId}:${this.counter}`, from: this.deps.userId, t0: this.deps.now() });
  }
}
