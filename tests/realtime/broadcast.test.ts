/** Broadcast over the local stack's Realtime, through the real supabase-js client. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { collect, sleep, subscribe, until } from "../support/realtime-helpers.ts";
import { startTestStack, type TestStack, type TestUser } from "../support/test-stack.ts";

describe("realtime broadcast", () => {
  let t: TestStack;
  let a: TestUser;
  let b: TestUser;

  beforeAll(async () => {
    t = await startTestStack("pglite");
    [a, b] = await Promise.all([t.signIn(), t.signIn()]);
  });
  afterAll(() => t?.close());

  test("a public channel delivers to others but not to the sender (self: false)", async () => {
    const chA = a.client.channel("lobby-1");
    const chB = b.client.channel("lobby-1");
    const gotA = collect(chA, "hello");
    const gotB = collect(chB, "hello");
    expect((await subscribe(chA)).status).toBe("SUBSCRIBED");
    expect((await subscribe(chB)).status).toBe("SUBSCRIBED");
    expect(await chA.send({ type: "broadcast", event: "hello", payload: { n: 1, text: "héllo ✓" } })).toBe("ok");
    await until(() => gotB.length === 1, 3000, "B receives");
    expect(gotB[0]).toEqual({ n: 1, text: "héllo ✓" });
    await sleep(100);
    expect(gotA).toHaveLength(0);
  });

  test("self: true echoes to the sender; ack: true confirms the send", async () => {
    const ch = a.client.channel("lobby-2", { config: { broadcast: { self: true, ack: true } } });
    const got = collect(ch, "ping");
    await subscribe(ch);
    expect(await ch.send({ type: "broadcast", event: "ping", payload: { t: 5 } })).toBe("ok");
    await until(() => got.length === 1, 3000, "echo");
    expect(got[0]).toEqual({ t: 5 });
  });

  test("events are filtered by name, and '*' receives all", async () => {
    const chA = a.client.channel("lobby-3");
    const chB = b.client.channel("lobby-3");
    const only = collect(chB, "x");
    const all: string[] = [];
    chB.on("broadcast", { event: "*" }, (m) => all.push(m.event));
    await subscribe(chA);
    await subscribe(chB);
    await chA.send({ type: "broadcast", event: "y", payload: {} });
    await chA.send({ type: "broadcast", event: "x", payload: { ok: true } });
    await until(() => all.length === 2, 3000, "both events");
    expect(all).toEqual(["y", "x"]);
    expect(only).toEqual([{ ok: true }]);
  });

  test("REST broadcast reaches subscribers (202)", async () => {
    const ch = b.client.channel("lobby-4");
    const got = collect(ch, "news");
    await subscribe(ch);
    const res = await fetch(`${t.stack.url}/realtime/v1/api/broadcast`, {
      method: "POST",
      headers: { apikey: t.stack.anonKey, authorization: `Bearer ${a.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ messages: [{ topic: "lobby-4", event: "news", payload: { headline: "hi" } }] }),
    });
    expect(res.status).toBe(202);
    await until(() => got.length === 1, 3000, "REST message");
    expect(got[0]).toEqual({ headline: "hi" });
    const bad = await fetch(`${t.stack.url}/realtime/v1/api/broadcast`, {
      method: "POST",
      headers: { apikey: t.stack.anonKey, "content-type": "application/json" },
      body: JSON.stringify({ messages: [{ event: "no topic" }] }),
    });
    expect(bad.status).toBe(422);
  });

  test("httpSend posts one message to the topic", async () => {
    const chA = a.client.channel("lobby-5");
    const chB = b.client.channel("lobby-5");
    const got = collect(chB, "direct");
    await subscribe(chB);
    await chA.httpSend("direct", { v: 7 });
    await until(() => got.length === 1, 3000, "httpSend message");
    expect(got[0]).toEqual({ v: 7 });
  });
});
