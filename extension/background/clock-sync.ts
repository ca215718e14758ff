/**
 * A member's clock against the host's, over the room channel: a burst of 8 pings when
 * joining or reconnecting, then one every 30 s. The host answers pings addressed to it.
 */
import { ClockEstimator, MAX_SAMPLES } from "../core/clock-estimator.ts";

export const CLOCK = { burstGapMs: 150, intervalMs: 30_000 } as const;

export interface ClockSyncDeps {
  userId: string;
  send(event: "clock_ping", payload: { id: string; from: string; t0: number }): void;
  now(): number;
  onEstimate(offsetMs: number, rttMs: number): void;
}

export class ClockSync {
  private readonly estimator = new ClockEstimator();
  private timers: ReturnType<typeof setTimeout>[] = [];
  private interval: ReturnType<typeof setInterval> | undefined;
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
    this.interval = setInterval(() => this.ping(), CLOCK.intervalMs);
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
    if (this.interval) clearInterval(this.interval);
    this.interval = undefined;
  }

  private ping(): void {
    this.counter += 1;
    this.deps.send("clock_ping", { id: `${this.deps.userId}:${this.counter}`, from: this.deps.userId, t0: this.deps.now() });
  }
}
