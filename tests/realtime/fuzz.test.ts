/**
 * Malformed frames on one connection never crash the stack or disturb another
 * connection, which keeps receiving broadcasts throughout.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openRawSocket, type RawSocket } from "../support/raw-socket.ts";
import { sleep } from "../support/realtime-helpers.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

/** A small deterministic PRNG so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

function junkFrames(count: number, rand: () => number): Array<string | Uint8Array> {
  const fixed: Array<string | Uint8Array> = [
    "",
    "not json",
    "{}",
    "[]",
    "[1,2,3]",
    "null",
    '"string"',
    '[null,null,null,null,null]',
    '["1","1","realtime:x","phx_join",null]',
    '["1","1",42,"phx_join",{}]',
    '["1","1","realtime:x","presence",{"type":"presence","event":"track","payload":[1]}]',
    '["1","1","realtime:x","broadcast","nope"]',
    '["1","1","realtime:x","access_token",{"access_token":123}]',
    `["1","1","realtime:${"t".repeat(5000)}","phx_join",{}]`,
    JSON.stringify(["1", "1", "realtime:deep", "broadcast", { type: "broadcast", event: "e", payload: JSON.parse("[".repeat(500) + "]".repeat(500)) }]),
    new Uint8Array([]),
    new Uint8Array([3]),
    new Uint8Array([3, 255, 255, 255, 255, 255, 1, 0]),
    new Uint8Array([4, 1, 1, 1, 1]),
    new Uint8Array([9, 9, 9, 9, 9, 9, 9, 9, 9]),
    new Uint8Array([3, 0, 0, 5, 1, 0, 1, ...new TextEncoder().encode("abcdex"), 0xff, 0xfe]),
    new Uint8Array([3, 0, 0, 1, 1, 0, 7, 65, 66, 67]),
  ];
  const out = [...fixed];
  while (out.length < count) {
    if (rand() < 0.5) {
      const bytes = new Uint8Array(1 + Math.floor(rand() * 64));
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
      if (rand() < 0.5) bytes[0] = 3;
      out.push(bytes);
    } else {
      const base = JSON.stringify(["1", String(out.length), "realtime:fuzz", "broadcast", { type: "broadcast", event: "e", payload: { n: 1 } }]);
      const cut = Math.floor(rand() * base.length);
      out.push(base.slice(0, cut) + String.fromCharCode(Math.floor(rand() * 128)) + base.slice(cut + 1));
    }
  }
  return out;
}

describe("realtime fuzz", () => {
  let t: TestStack;
  const sockets: RawSocket[] = [];
  beforeAll(async () => {
    t = await startTestStack("pglite");
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
  });

  test("500 malformed frames on one socket; the other socket keeps receiving", async () => {
    const open = async () => {
      const s = await openRawSocket(t.stack.url, t.stack.anonKey);
      sockets.push(s);
      return s;
    };
    const [listener, talker, attacker] = await Promise.all([open(), open(), open()]);
    const joinFrame = (ref: string) => [ref, ref, "realtime:fuzz-room", "phx_join", { config: {} }];
    listener.sendJson(joinFrame("1"));
    talker.sendJson(joinFrame("1"));
    attacker.sendJson(joinFrame("1"));
    await Promise.all([listener, talker, attacker].map((s) => s.next((f) => f[3] === "phx_reply")));

    const frames = junkFrames(500, prng(42));
    let sent = 0;
    for (const [i, frame] of frames.entries()) {
      attacker.sendRaw(frame);
      if (i % 25 === 0) {
        talker.sendJson(["1", null, "realtime:fuzz-room", "broadcast", { type: "broadcast", event: "tick", payload: { i } }]);
        sent++;
        await sleep(20); // stay under the per-connection message rate
      }
    }
    await sleep(300);
    const ticks = listener.received.filter((f: any) => Array.isArray(f) && f[3] === "broadcast" && f[4].event === "tick");
    expect(ticks).toHaveLength(sent);
    const health = await fetch(`${t.stack.url}/health`);
    expect(health.status).toBe(200);
    // A fresh client still gets in.
    const fresh = await open();
    fresh.sendJson([null, "1", "phoenix", "heartbeat", {}]);
    await fresh.next((f) => f[1] === "1");
  });
});
