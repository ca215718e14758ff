import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { databaseKinds, startTestStack, type TestStack, type TestUser } from "../support/test-stack.ts";

const newRoom = (over: Record<string, unknown> = {}) => ({
  title: "Friday night",
  anime_id: "aot-s1",
  anime_title: "Attack on Titan",
  episode_number: 1,
  video_url: "https://example.com/watch/1",
  host_username: "Ana",
  is_public: true,
  ...over,
});

describe.each(databaseKinds(inject("postgresUrl")))("rooms on %s", (kind) => {
  let t: TestStack;
  let host: TestUser;
  let guest: TestUser;
  let third: TestUser;

  beforeAll(async () => {
    t = await startTestStack(kind, inject("postgresUrl"));
    [host, guest, third] = await Promise.all([t.signIn(), t.signIn(), t.signIn()]);
  });
  afterAll(() => t?.close());

  test("health answers with status and counts", async () => {
    const res = await fetch(`${t.stack.url}/health`);
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ status: "ok", database: "ok", database_kind: kind });
    expect(body.counts).toHaveProperty("rooms");
    const fn = await host.invoke("health");
    expect(fn.status).toBe("ok");
  });

  test("a public room is created with the caller as host and its channels", async () => {
    const data = await host.invoke("rooms-create", newRoom());
    expect(data.room.room_id).toMatch(/^[A-Za-z0-9_-]{10}$/);
    expect(data.room.host_user_id).toBe(host.userId);
    expect(data.room.access_key).toBeUndefined();
    expect(data.room).not.toHaveProperty("access_key_hash");
    expect(data.realtime_channel).toBe(`room:${data.room.room_id}`);
    expect(data.playback_channel).toBe(`room:${data.room.room_id}:playback:1`);
    expect(data.member).toMatchObject({ user_id: host.userId, role: "host", username: "Ana" });
  });

  test("a private room answers its 6-digit key once and stores only a hash", async () => {
    const data = await host.invoke("rooms-create", newRoom({ is_public: false, title: "Secret" }));
    expect(data.room.access_key).toMatch(/^\d{6}$/);
    const [row] = await t.db.query<{ access_key_hash: string }>(
      "select access_key_hash from public.rooms where room_id = $1",
      [data.room.room_id],
    );
    expect(row.access_key_hash).toMatch(/^sha256\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(row.access_key_hash).not.toContain(data.room.access_key);

    const joined = await guest.invoke("rooms-join", {
      room_id: data.room.room_id,
      username: "Ben",
      access_key: data.room.access_key,
    });
    expect(joined.member).toMatchObject({ user_id: guest.userId, role: "member" });
    expect(joined.room).not.toHaveProperty("access_key");
    expect(joined.members.map((m: { username: string }) => m.username)).toEqual(["Ana", "Ben"]);

    // A member coming back (reconnect) needs no key.
    const again = await guest.invoke("rooms-join", { room_id: data.room.room_id, username: "Ben B" });
    expect(again.member.username).toBe("Ben B");
  });

  test("joining a public room, listing it, and member count", async () => {
    const { room } = await host.invoke("rooms-create", newRoom({ title: "Open house", anime_id: "listed-show" }));
    const joined = await guest.invoke("rooms-join", { room_id: room.room_id, username: "Ben" });
    expect(joined.realtime_channel).toBe(`room:${room.room_id}`);
    expect(joined.room.member_count).toBe(2);

    const list = await third.invoke("rooms-list-public", { anime_id: "listed-show" });
    expect(list.total).toBe(1);
    expect(list.rooms[0]).toMatchObject({ room_id: room.room_id, title: "Open house", member_count: 2 });
    const all = await third.invoke("rooms-list-public", {});
    expect(all.rooms.every((r: { room_id: string }) => typeof r.room_id === "string")).toBe(true);
    expect(JSON.stringify(all)).not.toContain("Secret"); // private rooms are never listed
  });

  test("the host leaving hands the room to the longest-present member", async () => {
    const { room } = await host.invoke("rooms-create", newRoom({ title: "Handover" }));
    await guest.invoke("rooms-join", { room_id: room.room_id, username: "Ben" });
    t.clock.advance(1000);
    await third.invoke("rooms-join", { room_id: room.room_id, username: "Cy" });

    const left = await host.invoke("rooms-leave", { room_id: room.room_id });
    expect(left).toMatchObject({ left: true, room_deleted: false, host_user_id: guest.userId, host_term: 2 });

    const list = await third.invoke("members-get-list", { room_id: room.room_id });
    expect(list.host_user_id).toBe(guest.userId);
    expect(list.members.map((m: { username: string; role: string }) => [m.username, m.role])).toEqual([
      ["Ben", "host"],
      ["Cy", "member"],
    ]);
    const rejoin = await third.invoke("rooms-join", { room_id: room.room_id, username: "Cy" });
    expect(rejoin.playback_channel).toBe(`room:${room.room_id}:playback:2`);
  });

  test("the last member leaving ends the room", async () => {
    const { room } = await host.invoke("rooms-create", newRoom({ title: "Short" }));
    const left = await host.invoke("rooms-leave", { room_id: room.room_id });
    expect(left.room_deleted).toBe(true);
    const after = await guest.call("rooms-join", { room_id: room.room_id, username: "Ben" });
    expect(after.status).toBe(404);
  });

  test("the host deletes a room for everyone", async () => {
    const { room } = await host.invoke("rooms-create", newRoom({ title: "Gone soon" }));
    await guest.invoke("rooms-join", { room_id: room.room_id, username: "Ben" });
    const deleted = await host.invoke("rooms-delete", { room_id: room.room_id });
    expect(deleted).toEqual({ deleted: true, room_id: room.room_id });
    const list = await guest.call("members-get-list", { room_id: room.room_id });
    expect(list.status).toBe(404);
  });
});
