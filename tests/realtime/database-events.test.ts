/**
 * Events the database sends on a room's private channel (realtime.send in triggers):
 * each reaches a member subscribed through supabase-js.
 */
import type { RealtimeChannel } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { subscribe, until } from "../support/realtime-helpers.ts";
import { databaseKinds, startTestStack, type TestStack, type TestUser } from "../support/test-stack.ts";

describe.each(databaseKinds(inject("postgresUrl")))("database-originated room events on %s", (kind) => {
  let t: TestStack;
  let host: TestUser;
  let member: TestUser;
  let late: TestUser;
  let roomId: string;
  let channel: RealtimeChannel;
  const events: Array<{ event: string; payload: any; meta?: { id?: string } }> = [];

  beforeAll(async () => {
    t = await startTestStack(kind, inject("postgresUrl"));
    [host, member, late] = await Promise.all([t.signIn(), t.signIn(), t.signIn()]);
    roomId = (await host.invoke("rooms-create", { title: "Events", anime_id: "show", episode_number: 1, host_username: "H", is_public: true })).room.room_id;
    await member.invoke("rooms-join", { room_id: roomId, username: "M" });
    channel = member.client.channel(`room:${roomId}`, { config: { private: true } });
    channel.on("broadcast", { event: "*" }, (m) => events.push(m as never));
    expect((await subscribe(channel)).status).toBe("SUBSCRIBED");
  });
  afterAll(() => t?.close());

  const next = (event: string) => until(() => events.find((e) => e.event === event), 3000, event);

  test("comment_created carries the comment, with the message id in meta", async () => {
    await host.invoke("comments-create", { room_id: roomId, anime_id: "show", episode_number: 1, message: "<i>hi</i>", video_timestamp: 3 });
    const e = await next("comment_created");
    expect(e.payload.comment).toMatchObject({ message: "<i>hi</i>", username: "H", video_timestamp: 3 });
    expect(e.meta?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("reaction_changed carries the comment's new counts", async () => {
    const { comment } = await host.invoke("comments-create", { room_id: roomId, anime_id: "show", episode_number: 1, message: "react", video_timestamp: 1 });
    await member.invoke("comments-react", { room_id: roomId, comment_id: comment.id, emoji: "👍" });
    expect((await next("reaction_changed")).payload).toMatchObject({ comment_id: comment.id, reactions: { "👍": 1 } });
  });

  test("member_joined and member_left", async () => {
    await late.invoke("rooms-join", { room_id: roomId, username: "Late" });
    expect((await next("member_joined")).payload.member).toMatchObject({ username: "Late", role: "member" });
    await late.invoke("rooms-leave", { room_id: roomId });
    expect((await next("member_left")).payload).toMatchObject({ user_id: late.userId, username: "Late" });
  });

  test("room_updated when the host moves to another episode", async () => {
    await host.invoke("sync-control", { room_id: roomId, action: "seek", current_time: 0, media: { anime_id: "show", episode_number: 2 } });
    expect((await next("room_updated")).payload.room).toMatchObject({ episode_number: 2, anime_id: "show" });
  });

  // Messages travel inside the NOTIFY when they fit (under 8000 bytes) and through
  // realtime.messages when they do not; either way they arrive whole and in order.
  test("a message too large for a NOTIFY arrives whole, in order with the small ones around it", async () => {
    const big = { text: "x".repeat(20_000) };
    await t.stack.db.query(
      `select realtime.send('{"n": 1}'::jsonb, 'order_check', $1, true),
              realtime.send($2::text::jsonb, 'order_check', $1, true),
              realtime.send('{"n": 3}'::jsonb, 'order_check', $1, true)`,
      [`room:${roomId}`, JSON.stringify(big)],
    );
    const seen = await until(() => {
      const got = events.filter((e) => e.event === "order_check");
      return got.length === 3 && got;
    }, 3000, "three order_check messages");
    expect(seen.map((e) => e.payload.n ?? e.payload.text.length)).toEqual([1, 20_000, 3]);
    expect(new Set(seen.map((e) => e.meta?.id)).size).toBe(3);
  });

  test("two equal messages sent in one transaction both arrive", async () => {
    await t.stack.db.query(
      `select realtime.send('{"id": "same"}'::jsonb, 'twin', $1, true), realtime.send('{"id": "same"}'::jsonb, 'twin', $1, true)`,
      [`room:${roomId}`],
    );
    await until(() => events.filter((e) => e.event === "twin").length === 2, 3000, "both twins");
  });

  test("host_changed names the new host and playback channel", async () => {
    await host.invoke("rooms-leave", { room_id: roomId });
    const e = await next("host_changed");
    expect(e.payload).toMatchObject({
      host_user_id: member.userId,
      previous_host_user_id: host.userId,
      host_term: 2,
      playback_channel: `room:${roomId}:playback:2`,
    });
  });

  test("room_deleted when the host deletes the room", async () => {
    await member.invoke("rooms-delete", { room_id: roomId });
    expect((await next("room_deleted")).payload).toMatchObject({ room_id: roomId });
  });
});
