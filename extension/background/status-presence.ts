/**
 * A member's status in the room channel's presence, within Supabase's budget of 5
 * presence updates per 30 s: a status that must wait is sent (latest only) when allowed.
 */
import type { RealtimeChannel } from "@supabase/supabase-js";
import type { MemberStatus } from "../core/messages.ts";
import { PresenceThrottle } from "../core/presence-throttle.ts";

export class StatusPresence {
  private readonly throttle = new PresenceThrottle<{ status: MemberStatus; offset_ms?: number }>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly channel: () => RealtimeChannel, private readonly who: { user_id: string; username: string }) {}

  publish(status: MemberStatus, offsetMs?: number): void {
    const value = this.throttle.offer({ status, offset_ms: offsetMs }, Date.now());
    if (value !== null) return this.track(value);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const due = this.throttle.due(Date.now());
      if (due !== null) this.track(due);
    }, this.throttle.waitMs(Date.now()) ?? 0);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private track(value: { status: MemberStatus; offset_ms?: number }): void {
    void this.channel().track({ ...this.who, ...value });
  }
}
