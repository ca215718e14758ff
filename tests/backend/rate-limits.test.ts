/**
 * The seed's per-user limits, enforced in the database: each answers 429 with
 * retry_after, changes nothing, and lifts once the window has passed (clock moved).
 */
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { databaseKinds, startTestStack, type TestStack, type TestUser } from "../support/test-stack.ts";

const room = (over: Record<string, unknown> = {}) => ({
  title: "Limits",
  anime_id: "show",
  host_username: "Host",
  is_public: true,
  ...over,
});

describe.each(databaseKinds(inject("postgresUrl")))("rate limits on %s", (kind) => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startTestStack(kind, inject("postgresUrl"));
  });
  afterAll(() => t?.close());

  async function expect429(res: { status: number; body: any }, before: Record<string, number>) {
    expect(res.status, JSON.stringify(res.body)).toBe(429);
    expect(res.body.error.code).toBe("rate_limited");
    expect(res.body.error.retry_after).toBeGreaterThan(0);
    expect(res.body.error.message).toMatch(/Try again in \d+ seconds?\./);
    expect(await t.snapshot()).toEqual(before);
    return res.body.error.retry_after as number;
  }

  test("room creation: 10 per hour", async () => {
    const user = await t.signIn();
    for (let i = 0; i < 10; i++) await user.invoke("rooms-create", room({ title: `R${i}` }));
    const before = await t.snapshot();
    const retry = await expect429(await user.call("rooms-create", room()), before);
    expect(retry).toBeLessThanOrEqual(3600);
    t.clock.advance(3601_000);
    const fresh = await t.signIn(); // the clock jump expired the old token
    expect((await fresh.call("rooms-create", room())).status).toBe(200);
  });

  test("sync control: 2 per second", async () => {
    const host = await t.signIn();
    const { room_id } = (await host.invoke("rooms-create", room())).room;
    const ctl = (s: number) => host.call("sync-control", { room_id, action: "seek", current_time: s });
    expect((await ctl(1)).status).toBe(200);
    expect((await ctl(2)).status).toBe(200);
    const before = await t.snapshot();
    expect(await expect429(await ctl(3), before)).toBe(1);
    t.clock.advance(1100);
    expect((await ctl(4)).status).toBe(200);
  });

  test("comments: 5 per minute", async () => {
    const host = await t.signIn();
    const { room_id } = (await host.invoke("rooms-create", room())).room;
    const post = (m: string) =>
      host.call("comments-create", { room_id, anime_id: "show", episode_number: 1, message: m, video_timestamp: 0 });
    for (let i = 0; i < 5; i++) expect((await post(`c${i}`)).status).toBe(200);
    const before = await t.snapshot();
    const retry = await expect429(await post("one too many"), before);
    expect(retry).toBeLessThanOrEqual(60);
    t.clock.advance(61_000);
    expect((await post("later")).status).toBe(200);
  });

  test("room management: 20 joins per hour; leaving is never refused, coming back is not counted", async () => {
    const host = await t.signIn();
    const guest = await t.signIn();
    const { room_id } = (await host.invoke("rooms-create", room())).room;
    for (let i = 0; i < 20; i++) {
      expect((await guest.call("rooms-join", { room_id, username: "G" })).status).toBe(200);
      // A member rejoining (a reconnect) does not use up the allowance.
      expect((await guest.call("rooms-join", { room_id, username: "G" })).status).toBe(200);
      if (i < 19) expect((await guest.call("rooms-leave", { room_id })).status).toBe(200);
    }
    // Still a member after the 20th join: leaving works although the allowance is spent.
    expect((await guest.call("rooms-leave", { room_id })).status).toBe(200);
    const before = await t.snapshot();
    await expect429(await guest.call("rooms-join", { room_id, username: "G" }), before);
  });

  test("access keys: 5 wrong keys lock a user out of the room for 15 minutes", async () => {
    const host = await t.signIn();
    const guesser = await t.signIn();
    const { room_id, access_key } = (await host.invoke("rooms-create", room({ is_public: false }))).room;
    const wrong = access_key === "123456" ? "654321" : "123456";
    for (let i = 0; i < 5; i++) {
      const res = await guesser.call("rooms-join", { room_id, username: "G", access_key: wrong });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(`${4 - i} attempt`);
    }
    const before = await t.snapshot();
    // Locked: even the right key is refused now, so guessing cannot go on.
    const retry = await expect429(await guesser.call("rooms-join", { room_id, username: "G", access_key }), before);
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    // Others are not locked out by one guesser.
    const friend = await t.signIn();
    expect((await friend.call("rooms-join", { room_id, username: "F", access_key })).status).toBe(200);
    t.clock.advance(15 * 60_000 + 1000);
    const again = await t.signIn(); // new token after the clock jump; a new identity still has its own 5
    expect((await again.call("rooms-join", { room_id, username: "G", access_key })).status).toBe(200);
  });
});
