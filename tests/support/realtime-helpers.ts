/** Small helpers for driving supabase-js Realtime channels in tests. */
import type { RealtimeChannel } from "@supabase/supabase-js";

/** Subscribes and resolves with the final status (SUBSCRIBED, CHANNEL_ERROR, TIMED_OUT, CLOSED) and error. */
export function subscribe(channel: RealtimeChannel, timeoutMs = 5000): Promise<{ status: string; error?: Error }> {
  return new Promise((resolve) => {
    channel.subscribe((status, error) => {
      if (status !== "SUBSCRIBED" && status !== "CHANNEL_ERROR" && status !== "TIMED_OUT" && status !== "CLOSED") return;
      resolve({ status, error });
    }, timeoutMs);
  });
}

/** Collects broadcast payloads of one event on a channel (bind before subscribing). */
export function collect<T = any>(channel: RealtimeChannel, event: string): T[] {
  const out: T[] = [];
  channel.on("broadcast", { event }, (msg) => out.push(msg.payload as T));
  return out;
}

/** Waits until check() is truthy, or fails after timeoutMs. */
export async function until<T>(check: () => T | undefined | false, timeoutMs = 3000, label = "condition"): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Resolves after ms (for asserting that something did NOT arrive). */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
