/** Presence across three supabase-js clients on the local stack. */
import type { RealtimeChannel } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { subscribe, until } from "../support/realtime-helpers.ts";
import { startTestStack, type TestStack, type TestUser } from "../support/test-stack.ts";

describe("realtime presence", () => {
  let t: TestStack;
  let users: TestUser[];

  beforeAll(async () => {
    t = await startTestStack("pglite");
    users = await Promise.all([t.signIn(), t.signIn(), t.signIn()]);
  });
  afterAll(() => t?.close());

  function keysOf(ch: RealtimeChannel): string[] {
    return Object.keys(ch.presenceState()).sort();
  }

  test("sync, join and leave across three clients", async () => {
    const joins: string[] = [];
    const leaves: string[] = [];
    const channels = users.map((u, i) => {
      const ch = u.client.channel("watch-1", { config: { presence: { key: `user-${i}` } } });
      ch.on("presence", { event: "sync" }, () => {});
      if (i === 0) {
        ch.on("presence", { event: "join" }, ({ key }) => joins.push(key));
        ch.on("presence", { event: "leave" }, ({ key }) => leaves.push(key));
      }
      return ch;
    });
    for (const ch of channels) expect((await subscribe(ch)).status).toBe("SUBSCRIBED");
    for (const [i, ch] of channels.entries()) expect(await ch.track({ name: `N${i}`, status: "in_sync" })).toBe("ok");

    await until(() => channels.every((ch) => keysOf(ch).length === 3), 3000, "all see three");
    expect(keysOf(channels[2])).toEqual(["user-0", "user-1", "user-2"]);
    const meta = channels[1].presenceState()["user-2"][0] as Record<string, unknown>;
    expect(meta).toMatchObject({ name: "N2", status: "in_sync" });
    expect(typeof meta.presence_ref).toBe("string");
    await until(() => joins.includes("user-1") && joins.includes("user-2"), 3000, "join events");

    // A re-track replaces the meta (leave + join), it does not add a second one.
    await channels[2].track({ name: "N2", status: "buffering" });
    await until(() => (channels[0].presenceState()["user-2"]?.[0] as { status?: string })?.status === "buffering", 3000, "re-track");
    expect(channels[0].presenceState()["user-2"]).toHaveLength(1);

    // untrack → leave; closing a client's socket → leave.
    await channels[1].untrack();
    await until(() => !keysOf(channels[0]).includes("user-1"), 3000, "untrack leave");
    expect(leaves).toContain("user-1");
    users[2].client.realtime.disconnect();
    await until(() => !keysOf(channels[0]).includes("user-2"), 3000, "disconnect leave");
    expect(keysOf(channels[0])).toEqual(["user-0"]);
  });

  test("a late joiner receives the current state", async () => {
    const [a, b] = users;
    const first = a.client.channel("watch-2", { config: { presence: { key: "early" } } });
    first.on("presence", { event: "sync" }, () => {});
    await subscribe(first);
    await first.track({ name: "Early" });
    const late = b.client.channel("watch-2", { config: { presence: { key: "late" } } });
    late.on("presence", { event: "sync" }, () => {});
    await subscribe(late);
    await until(() => keysOf(late).includes("early"), 3000, "state on join");
  });

  test("more than 5 presence events in 30 s closes the channel with a system error", async () => {
    const [a] = users;
    const ch = a.client.channel("watch-3", { config: { presence: { key: "spammy" } } });
    const system: Array<{ status: string; message: string }> = [];
    ch.on("system", {}, (m) => system.push(m));
    ch.on("presence", { event: "sync" }, () => {});
    await subscribe(ch);
    for (let i = 0; i < 5; i++) expect(await ch.track({ i })).toBe("ok");
    void ch.track({ i: 6 }); // never answered: the server closes the channel instead
    await until(() => system.some((m) => m.message === "Client presence rate limit exceeded"), 3000, "system error");
  });
});
