/** Frames the server sends, built from plain values (pure). */
import { encodeBinaryBroadcast, type Frame, type Vsn } from "./frames.ts";
import type { BroadcastMessage } from "./hub.ts";

export const WIRE_PREFIX = "realtime:";

export function replyFrame(to: Frame, status: "ok" | "error", response: unknown): Frame {
  return { join_ref: to.join_ref, ref: to.ref, topic: to.topic, event: "phx_reply", payload: { status, response } };
}

/** `system` messages carry the channel's name without the `realtime:` prefix. */
export function systemFrame(wireTopic: string, joinRef: string | null, status: "ok" | "error", message: string): Frame {
  return {
    join_ref: joinRef,
    ref: null,
    topic: wireTopic,
    event: "system",
    payload: { extension: "system", status, message, channel: wireTopic.slice(WIRE_PREFIX.length) },
  };
}

/** Phoenix closes a channel with ref = join_ref, so the client matches it to its join. */
export function closeFrame(wireTopic: string, joinRef: string): Frame {
  return { join_ref: joinRef, ref: joinRef, topic: wireTopic, event: "phx_close", payload: {} };
}

/**
 * The frame one subscriber gets for a broadcast; null when its protocol version cannot
 * carry it (binary payloads to vsn 1.0.0, which the Realtime server drops too).
 */
export function broadcastFrameFor(wireTopic: string, message: BroadcastMessage, vsn: Vsn): Frame | Uint8Array | null {
  if (message.kind === "user" && vsn === "2.0.0") {
    return encodeBinaryBroadcast({ topic: wireTopic, event: message.event, meta: message.meta, payload: message.payload, binary: message.binary });
  }
  if (message.binary) return null;
  const payload: Record<string, unknown> = { type: "broadcast", event: message.event, payload: message.payload };
  if (message.meta) payload.meta = message.meta;
  return { join_ref: null, ref: null, topic: wireTopic, event: "broadcast", payload };
}
