/** A bare WebSocket client that speaks frames by hand, for protocol details supabase-js hides. */
import { WebSocket } from "ws";

export interface RawSocket {
  ws: WebSocket;
  /** Every frame received: parsed JSON for text, Uint8Array for binary. */
  received: Array<unknown>;
  sendJson(frame: unknown): void;
  sendRaw(data: string | Uint8Array): void;
  /** Resolves with the first received frame matching that no earlier next() returned. */
  next(match: (frame: any) => boolean, timeoutMs?: number): Promise<any>;
  close(): void;
}

export async function openRawSocket(baseUrl: string, apikey: string, vsn: "1.0.0" | "2.0.0" = "2.0.0"): Promise<RawSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/realtime/v1/websocket?apikey=${apikey}&vsn=${vsn}`);
  ws.binaryType = "nodebuffer";
  const received: unknown[] = [];
  const taken = new Set<unknown>();
  const waiters: Array<{ match: (f: unknown) => boolean; resolve: (f: unknown) => void }> = [];
  ws.on("message", (data, isBinary) => {
    const frame = isBinary ? new Uint8Array(data as Buffer) : JSON.parse(String(data));
    received.push(frame);
    for (const w of [...waiters]) {
      if (!taken.has(frame) && w.match(frame)) {
        taken.add(frame);
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return {
    ws,
    received,
    sendJson: (frame) => ws.send(JSON.stringify(frame)),
    sendRaw: (data) => ws.send(data),
    next: (match, timeoutMs = 3000) =>
      new Promise((resolve, reject) => {
        const early = received.find((f) => !taken.has(f) && match(f));
        if (early !== undefined) {
          taken.add(early);
          return resolve(early);
        }
        const timer = setTimeout(() => reject(new Error("no matching frame")), timeoutMs);
        waiters.push({
          match,
          resolve: (f) => {
            clearTimeout(timer);
            resolve(f);
          },
        });
      }),
    close: () => ws.close(),
  };
}

/** Builds a kind-3 binary broadcast push as realtime-js does. */
export function binaryPush(joinRef: string, ref: string, topic: string, event: string, payload: unknown): Uint8Array {
  const enc = new TextEncoder();
  const parts = [joinRef, ref, topic, event, ""].map((s) => enc.encode(s));
  const body = enc.encode(JSON.stringify(payload));
  const out = new Uint8Array(7 + parts.reduce((n, p) => n + p.length, 0) + body.length);
  out.set([3, parts[0].length, parts[1].length, parts[2].length, parts[3].length, parts[4].length, 1]);
  let offset = 7;
  for (const p of [...parts, body]) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
