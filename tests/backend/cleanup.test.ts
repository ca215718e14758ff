/**
 * Cleanup, with the clock moved rather than waited for: a silent host hands over,
 * silent members leave, idle rooms end, old history goes.
 */
import { afterAll, beforeEach, describe, expect, inject, test } from "vitest";
import { databaseKinds, startTestStack, type TestStack } from "../support/test-stack.ts";

const room = { title: "Cleanup", anime_id: "show", host_username: "Host", is_public: true };

describe.each(databaseKinds(inject("postgresUrl")))("cleanup on %s", (kind) => {
  let t: TestStack | undefined;

  beforeEach(async () => {
    await t?.close();
    t = await startTestStack(kind, inject("postgresUrl"));
  });
  afterAll(() => t?.close());

  test("a host silent for 60 s hands over to the longest-present member still there", async () => {
    const s = t!;
    const [host, early, late] = [await s.signIn(), await s.signIn(), await s.signIn()];
    const { room_id } = (await host.invoke("rooms-create", room)).room;
    await early.invoke("rooms-join", { room_id, username: "Early" });
    s.clock.advance(1000);
    await late.invoke("rooms-join", { room_id, username: "Late" });

    s.clock.advance(30_000);
    expect((await s.stack.runCleanup()).hosts_transferred).toBe(0);
    // Early and late keep heartbeating; the host does not.
    s.clock.advance(31_000);
    await early.invoke("members-update-status", { room_id, sync_status: "in_sync" });
    await late.invoke("members-update-status", { room_id, sync_status: "in_sync" });
    const result = await s.stack.runCleanup();
    expect(result.hosts_transferred).toBe(1);

    const list = await late.invoke("members-get-list", { room_id });
    expect(list.host_user_id).toBe(early.userId);
    expect(list.members.find((m: { user_id: string }) => m.user_id === host.userId).role).toBe("member");
    const state = await late.invoke("sync-get-host-time", { room_id });
    expect(state.host_term).toBe(2);
  });

  test("a host nobody can replace stays host", async () => {
    const s = t!;
    const host = await s.signIn();
    const { room_id } = (await host.invoke("rooms-create", room)).room;
    s.clock.advance(120_000);
    expect((await s.stack.runCleanup()).hosts_transferred).toBe(0);
    const [row] = await s.db.query<{ host_user_id: string }>("select host_user_id from public.rooms where room_id = $1", [room_id]);
    expect(row.host_user_id).toBe(host.userId);
  });

  test("members silent for 10 minutes are removed; a room left empty ends", async () => {
    const s = t!;
    const [host, guest] = [await s.signIn(), await s.signIn()];
    const { room_id } = (await host.invoke("rooms-create", room)).room;
    await guest.invoke("rooms-join", { room_id, username: "Guest" });
    s.clock.advance(9 * 60_000);
    await host.invoke("members-update-status", { room_id, sync_status: "in_sync" });
    s.clock.advance(2 * 60_000);
    const first = await s.stack.runCleanup();
    expect(first.members_removed).toBe(1);
    expect((await s.snapshot()).members).toBe(1);
    s.clock.advance(11 * 60_000);
    await s.stack.runCleanup();
    expect((await s.snapshot()).rooms).toBe(0);
  });

  test("rooms idle for 24 h are deleted with their comments; sync history older than 6 h goes", async () => {
    const s = t!;
    const host = await s.signIn();
    const { room_id } = (await host.invoke("rooms-create", room)).room;
    await host.invoke("comments-create", { room_id, anime_id: "show", episode_number: 1, message: "hi", video_timestamp: 0 });
    await host.invoke("sync-control", { room_id, action: "play", current_time: 0 });
    // Keep the host's heartbeat fresh so only the idle rule applies.
    await s.db.query("update public.room_members set last_heartbeat = $1::text::timestamptz", [
      new Date(Date.now() + 25 * 3600_000).toISOString(),
    ]);

    s.clock.advance(7 * 3600_000);
    const mid = await s.stack.runCleanup();
    expect(mid.sync_states_deleted).toBe(1);
    expect(mid.rooms_deleted).toBe(0);

    s.clock.advance(17 * 3600_000 + 60_000);
    const end = await s.stack.runCleanup();
    expect(end.rooms_deleted).toBe(1);
    expect(await s.snapshot()).toMatchObject({ rooms: 0, members: 0, comments: 0, sync_states: 0 });
  });
});
