/** What a client process saw: every received heartbeat/sync broadcast and every send (pure bookkeeping). */
import type { CollectResult } from "./protocol.ts";

export class Recorder {
  private readonly t: number[] = [];
  private readonly lat: number[] = [];
  private readonly key: string[] = [];
  private readonly sentAt: number[] = [];

  /** A delivery of a payload carrying the sender's `t` (and `seq`, `from` when present), received at `at`. */
  received(payload: { t: number; seq?: number; from?: number }, at: number): void {
    this.t.push(payload.t);
    this.lat.push(at - payload.t);
    this.key.push(`${payload.from ?? -1}:${payload.seq ?? ""}`);
  }

  sent(t: number): void {
    this.sentAt.push(t);
  }

  /** Deliveries and sends of messages sent within [tFrom, tTo); per message first/last latency when `spread`. */
  collect(tFrom: number, tTo: number, spread: boolean): Omit<CollectResult, "clockOffsetMs" | "unexpectedCloses"> {
    const latencies: number[] = [];
    const perMessage = new Map<string, [number, number]>();
    for (let i = 0; i < this.t.length; i++) {
      if (this.t[i] < tFrom || this.t[i] >= tTo) continue;
      const lat = this.lat[i];
      latencies.push(lat);
      if (!spread) continue;
      const seen = perMessage.get(this.key[i]);
      if (seen) perMessage.set(this.key[i], [Math.min(seen[0], lat), Math.max(seen[1], lat)]);
      else perMessage.set(this.key[i], [lat, lat]);
    }
    return {
      latencies,
      sent: this.sentAt.filter((t) => t >= tFrom && t < tTo).length,
      perMessage: spread ? [...perMessage] : [],
    };
  }
}
