/**
 * Phoenix wire frames as Supabase Realtime speaks them (pure; no sockets here).
 * - vsn 2.0.0 text: JSON arrays `[join_ref, ref, topic, event, payload]`
 * - vsn 1.0.0 text: JSON objects `{join_ref, ref, topic, event, payload}`
 * - vsn 2.0.0 binary: kind 3 "user broadcast push" (client → server) and kind 4
 *   "user broadcast" (server → client). Layout follows realtime-js lib/serializer.js.
 */

export type Vsn = "1.0.0" | "2.0.0";

export interface Frame {
  join_ref: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
}

export class FrameError extends Error {}

export function decodeTextFrame(raw: string, vsn: Vsn): Frame {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new FrameError("frame is not JSON");
  }
  let f: Partial<Frame>;
  if (vsn === "2.0.0") {
    if (!Array.isArray(parsed) || parsed.length !== 5) throw new FrameError("frame must be a 5-element array");
    const [join_ref, ref, topic, event, payload] = parsed;
    f = { join_ref, ref, topic, event, payload };
  } else {
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new FrameError("frame must be an object");
    f = parsed as Partial<Frame>;
  }
  return checkFrame(f);
}

function checkFrame(f: Partial<Frame>): Frame {
  const optionalString = (v: unknown) => v === null || v === undefined || typeof v === "string";
  if (typeof f.topic !== "string" || typeof f.event !== "string") throw new FrameError("topic and event must be strings");
  if (!optionalString(f.join_ref) || !optionalString(f.ref)) throw new FrameError("refs must be strings or null");
  return { join_ref: f.join_ref ?? null, ref: f.ref ?? null, topic: f.topic, event: f.event, payload: f.payload ?? {} };
}

export function encodeTextFrame(frame: Frame, vsn: Vsn): string {
  return vsn === "2.0.0"
    ? JSON.stringify([frame.join_ref, frame.ref, frame.topic, frame.event, frame.payload])
    : JSON.stringify(frame);
}

export const KIND_USER_BROADCAST_PUSH = 3;
export const KIND_USER_BROADCAST = 4;
const ENCODING_BINARY = 0;
const ENCODING_JSON = 1;

export interface BinaryBroadcast {
  join_ref: string;
  ref: string;
  topic: string;
  /** The user's event name (`payload.event` of a text broadcast). */
  event: string;
  /** Extra metadata keys the client chose to send, JSON; usually empty. */
  meta: Record<string, unknown> | undefined;
  /** Parsed JSON, or the raw bytes when the client sent binary. */
  payload: unknown;
  binary: boolean;
}

/** Decodes a kind-3 frame; throws FrameError for anything malformed. */
export function decodeBinaryPush(bytes: Uint8Array): BinaryBroadcast {
  if (bytes.length < 7) throw new FrameError("binary frame too short");
  if (bytes[0] !== KIND_USER_BROADCAST_PUSH) throw new FrameError(`unsupported binary frame kind ${bytes[0]}`);
  const [joinRefLen, refLen, topicLen, eventLen, metaLen, encoding] = bytes.subarray(1, 7);
  let offset = 7;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const take = (n: number): Uint8Array => {
    if (offset + n > bytes.length) throw new FrameError("binary frame shorter than its header says");
    const part = bytes.subarray(offset, offset + n);
    offset += n;
    return part;
  };
  try {
    const join_ref = decoder.decode(take(joinRefLen));
    const ref = decoder.decode(take(refLen));
    const topic = decoder.decode(take(topicLen));
    const event = decoder.decode(take(eventLen));
    const metaText = decoder.decode(take(metaLen));
    const body = bytes.subarray(offset);
    const meta = metaText ? (JSON.parse(metaText) as Record<string, unknown>) : undefined;
    if (encoding === ENCODING_JSON) {
      return { join_ref, ref, topic, event, meta, payload: JSON.parse(decoder.decode(body)), binary: false };
    }
    if (encoding === ENCODING_BINARY) return { join_ref, ref, topic, event, meta, payload: body.slice(), binary: true };
    throw new FrameError(`unknown payload encoding ${encoding}`);
  } catch (err) {
    if (err instanceof FrameError) throw err;
    throw new FrameError("binary frame holds invalid UTF-8 or JSON");
  }
}

/** Encodes a kind-4 frame for a vsn 2.0.0 subscriber. */
export function encodeBinaryBroadcast(b: {
  topic: string;
  event: string;
  meta?: Record<string, unknown>;
  payload: unknown;
  binary?: boolean;
}): Uint8Array {
  const encoder = new TextEncoder();
  const topic = encoder.encode(b.topic);
  const event = encoder.encode(b.event);
  const meta = encoder.encode(b.meta && Object.keys(b.meta).length > 0 ? JSON.stringify(b.meta) : "");
  if (topic.length > 255 || event.length > 255 || meta.length > 255) throw new FrameError("field longer than 255 bytes");
  const body = b.binary ? (b.payload as Uint8Array) : encoder.encode(JSON.stringify(b.payload));
  const out = new Uint8Array(5 + topic.length + event.length + meta.length + body.length);
  out.set([KIND_USER_BROADCAST, topic.length, event.length, meta.length, b.binary ? ENCODING_BINARY : ENCODING_JSON]);
  let offset = 5;
  for (const part of [topic, event, meta, body]) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
