/** Token refresh and reconnection, as supabase-js drives them. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { collect, subscribe, until } from "../support/realtime-helpers.ts";
import { startTestStack, type TestStack, type TestUser } from "../support/test-stack.ts";

describe("realtime lifecycle", () => {
  let t: TestStack;
  let a: TestUser;
  let b: TestUser;

  beforeAll(async () => {
    t = await startTestStack("pglite");
    [a, b] = await Promise.all([t.signIn(), t.signIn()]);
  });
  afterAll(() => t?.close());

  test("a refreshed access token keeps the channel; losing membership closes a private one", async () => {
    const { room_id } = (await a.invoke("rooms-create", { title: "T", anime_id: "x", host_username: "A", is_public: true })).room;
    await b.invoke("rooms-join", { room_id, username: "B" });
    const ch = b.client.channel(`room:${room_id}`, { config: { private: true } });
    const system: Array<{ status: string; message: string }> = [];
    ch.on("system", {}, (m) => system.push(m));
    const got = collect(ch, "hello");
    await subscribe(ch);

    t.clock.advance(2000); // a later iat: a token that differs from the current one
    const { data } = await b.client.auth.refreshSession();
    await b.client.realtime.setAuth(data.session!.access_token);
    const sender = a.client.channel(`room:${room_id}`, { config: { private: true } });
    await subscribe(sender);
    await sender.send({ type: "broadcast", event: "hello", payload: { n: 1 } });
    await until(() => got.length === 1, 3000, "message after refresh");

    // B leaves the room; at its next token the channel is re-authorized and closed.
    await b.invoke("rooms-leave", { room_id });
    t.clock.advance(2000);
    const again = await b.client.auth.refreshSession();
    await b.client.realtime.setAuth(again.data.session!.access_token);
    await until(() => system.find((m) => m.status === "error" && /permissions to read/.test(m.message)), 3000, "closed");
  });

  test("an invalid token pushed later closes the channel with a system error", async () => {
    const ch = a.client.channel("public-token");
    const system: Array<{ message: string }> = [];
    ch.on("system", {}, (m) => system.push(m));
    await subscribe(ch);
    await a.client.realtime.setAuth("not.a.jwt");
    await until(() => system.find((m) => m.message === "The token provided is not a valid JWT"), 3000, "system error");
  });

  test("when the server drops the socket the client reconnects and rejoins by itself", async () => {
    const [c, d] = await Promise.all([t.signIn(), t.signIn()]);
    const listener = c.client.channel("reconnect-1");
    const got = collect(listener, "tick");
    await subscribe(listener);
    const talker = d.client.channel("reconnect-1");
    await subscribe(talker);
    t.stack.realtime.disconnectAll();
    // The client retries after ~1 s and rejoins its channels; then messages flow again.
    await until(() => {
      void talker.send({ type: "broadcast", event: "tick", payload: {} });
      return got.length > 0;
    }, 8000, "message after reconnect");
    expect(t.stack.realtime.connectionCount()).toBeGreaterThanOrEqual(2);
  });
});
