/** Happy paths of playback, comments and members through supabase-js. */
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { databaseKinds, startTestStack, type TestStack, type TestUser } from "../support/test-stack.ts";

describe.each(databaseKinds(inject("postgresUrl")))("playback, comments and members on %s", (kind) => {
  let t: TestStack;
  let host: TestUser;
  let guest: TestUser;
  let roomId: string;
  const episode = { anime_id: "frieren", episode_number: 3 };

  beforeAll(async () => {
    t = await startTestStack(kind, inject("postgresUrl"));
    [host, guest] = await Promise.all([t.signIn(), t.signIn()]);
    roomId = (
      await host.invoke("rooms-create", {
        title: "Frieren",
        ...episode,
        anime_title: "Frieren",
        host_username: "Host",
        is_public: true,
      })
    ).room.room_id;
    await guest.invoke("rooms-join", { room_id: roomId, username: "Guest", avatar_url: "https://example.com/a.png" });
  });
  afterAll(() => t?.close());

  test("sync-control persists play, seek, rate and pause with an increasing sequence", async () => {
    const play = await host.invoke("sync-control", { room_id: roomId, action: "play", current_time: 10 });
    expect(play.state).toMatchObject({ is_playing: true, current_playback_time: 10, playback_rate: 1, state_seq: 1 });
    t.clock.advance(600);
    const seek = await host.invoke("sync-control", { room_id: roomId, action: "seek", current_time: 95.5 });
    expect(seek.state).toMatchObject({ is_playing: true, current_playback_time: 95.5, state_seq: 2 });
    t.clock.advance(600);
    const rate = await host.invoke("sync-control", { room_id: roomId, action: "rate", current_time: 96, playback_rate: 1.5 });
    expect(rate.state).toMatchObject({ playback_rate: 1.5, state_seq: 3 });
    const [history] = await t.db.query<{ n: number }>("select count(*)::int as n from public.sync_states where room_id = $1", [roomId]);
    expect(history.n).toBe(3);
  });

  test("sync-get-host-time extrapolates where the host is now", async () => {
    t.clock.advance(2000);
    const now = await guest.invoke("sync-get-host-time", { room_id: roomId });
    expect(now.host_user_id).toBe(host.userId);
    expect(now.state.is_playing).toBe(true);
    // 96 s at 1.5× for ~2 s: about 99 s.
    expect(now.expected_position).toBeGreaterThan(98.9);
    expect(now.expected_position).toBeLessThan(99.5);
    t.clock.advance(600);
    await host.invoke("sync-control", { room_id: roomId, action: "pause", current_time: 120 });
    const paused = await guest.invoke("sync-get-host-time", { room_id: roomId });
    expect(paused.expected_position).toBe(120);
    expect(paused.state.is_playing).toBe(false);
  });

  test("activity in the room (a join, a comment) does not disturb the extrapolation", async () => {
    await host.invoke("sync-control", { room_id: roomId, action: "play", current_time: 200, playback_rate: 1 });
    t.clock.advance(3000);
    const extra = await t.signIn();
    await extra.invoke("rooms-join", { room_id: roomId, username: "Extra" });
    await extra.invoke("comments-create", { room_id: roomId, anime_id: "other", episode_number: 9, message: "hi", video_timestamp: 0 });
    await extra.invoke("rooms-leave", { room_id: roomId });
    const now = await guest.invoke("sync-get-host-time", { room_id: roomId });
    expect(now.expected_position).toBeGreaterThan(202.9);
    expect(now.expected_position).toBeLessThan(203.6);
    await host.invoke("sync-control", { room_id: roomId, action: "pause", current_time: 120 });
  });

  test("comments, replies and the anchor thread of an episode", async () => {
    const anchor = await host.invoke("comments-create", { room_id: roomId, ...episode, message: "Episode 3 thread", video_timestamp: 0, is_anchor: true });
    expect(anchor.comment).toMatchObject({ is_anchor: true, username: "Host" });
    const top = await guest.invoke("comments-create", { room_id: roomId, ...episode, message: "<b>wow</b>", video_timestamp: 61.5 });
    expect(top.comment).toMatchObject({ message: "<b>wow</b>", username: "Guest", video_timestamp: 61.5, parent_id: null });
    const reply = await host.invoke("comments-create", {
      room_id: roomId, ...episode, message: "agreed", video_timestamp: 62, parent_id: top.comment.id,
    });
    expect(reply.comment.parent_id).toBe(top.comment.id);
    await guest.invoke("comments-create", { room_id: roomId, anime_id: "frieren", episode_number: 4, message: "next ep", video_timestamp: 1 });

    const page = await guest.invoke("comments-get-by-episode", { room_id: roomId, ...episode });
    expect(page.anchor.id).toBe(anchor.comment.id);
    expect(page.comments.map((c: { message: string }) => c.message)).toEqual(["<b>wow</b>", "agreed"]);
    expect(page.next_cursor).toBeNull();
  });

  test("reactions toggle, are counted per emoji, and come with the comments", async () => {
    const { comment } = await host.invoke("comments-create", { room_id: roomId, ...episode, message: "react to me", video_timestamp: 7 });
    const first = await guest.invoke("comments-react", { room_id: roomId, comment_id: comment.id, emoji: "🔥" });
    expect(first).toMatchObject({ reacted: true, reactions: { "🔥": 1 } });
    await host.invoke("comments-react", { room_id: roomId, comment_id: comment.id, emoji: "🔥" });
    const undo = await guest.invoke("comments-react", { room_id: roomId, comment_id: comment.id, emoji: "🔥" });
    expect(undo).toMatchObject({ reacted: false, reactions: { "🔥": 1 } });
    const bad = await guest.call("comments-react", { room_id: roomId, comment_id: comment.id, emoji: "💩" });
    expect(bad.status).toBe(400);
    const page = await guest.invoke("comments-get-by-episode", { room_id: roomId, ...episode });
    expect(page.comments.find((c: { id: string }) => c.id === comment.id).reactions).toEqual({ "🔥": 1 });
  });

  test("a retried comment with the same client_id is stored once", async () => {
    const body = { room_id: roomId, ...episode, message: "only once", video_timestamp: 5, client_id: "c-42" };
    const first = await guest.invoke("comments-create", body);
    const second = await guest.invoke("comments-create", body);
    expect(second.comment.id).toBe(first.comment.id);
    expect(second.duplicate).toBe(true);
  });

  test("older comments page in with the cursor", async () => {
    const other = await t.signIn();
    await other.invoke("rooms-join", { room_id: roomId, username: "Pager" });
    for (let i = 0; i < 5; i++) {
      t.clock.advance(10);
      await other.invoke("comments-create", { room_id: roomId, anime_id: "paged", episode_number: 1, message: `m${i}`, video_timestamp: i });
    }
    const first = await other.invoke("comments-get-by-episode", { room_id: roomId, anime_id: "paged", episode_number: 1, limit: 2 });
    expect(first.comments.map((c: { message: string }) => c.message)).toEqual(["m3", "m4"]);
    const second = await other.invoke("comments-get-by-episode", { room_id: roomId, anime_id: "paged", episode_number: 1, limit: 2, before: first.next_cursor });
    expect(second.comments.map((c: { message: string }) => c.message)).toEqual(["m1", "m2"]);
    const third = await other.invoke("comments-get-by-episode", { room_id: roomId, anime_id: "paged", episode_number: 1, limit: 2, before: second.next_cursor });
    expect(third.comments.map((c: { message: string }) => c.message)).toEqual(["m0"]);
    expect(third.next_cursor).toBeNull();
  });

  test("comments-get-history summarises episodes and recent comments", async () => {
    const history = await host.invoke("comments-get-history", { room_id: roomId, limit: 3 });
    const ep3 = history.episodes.find((e: { episode_number: number; anime_id: string }) => e.anime_id === "frieren" && e.episode_number === 3);
    expect(ep3.comment_count).toBe(5);
    expect(history.recent).toHaveLength(3);
  });

  test("members-update-status changes name and status; members-get-list shows it", async () => {
    const updated = await guest.invoke("members-update-status", { room_id: roomId, username: "Guest 2", sync_status: "behind", is_synced: false, sync_offset_ms: -2300 });
    expect(updated.member).toMatchObject({ username: "Guest 2", sync_status: "behind", is_synced: false, sync_offset_ms: -2300 });
    const list = await host.invoke("members-get-list", { room_id: roomId });
    expect(list.members.map((m: { username: string; role: string }) => [m.username, m.role])).toEqual([
      ["Host", "host"],
      ["Guest 2", "member"],
      ["Pager", "member"],
    ]);
    // A name change follows onto the member's comments.
    const page = await host.invoke("comments-get-by-episode", { room_id: roomId, ...episode });
    expect(page.comments.find((c: { message: string }) => c.message === "<b>wow</b>").username).toBe("Guest 2");
  });

  test("GET works for read-only functions", async () => {
    const res = await fetch(`${t.stack.url}/functions/v1/members-get-list?room_id=${roomId}`, {
      headers: { authorization: `Bearer ${guest.accessToken}` },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).data.members).toHaveLength(3);
  });
});
