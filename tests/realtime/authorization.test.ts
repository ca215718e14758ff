/**
 * Rooms' private channels: who may join, receive and send, decided by the RLS policies
 * of the migrations, evaluated as Supabase does. Includes the host-only playback topic
 * across a host change.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { collect, sleep, subscribe, until } from "../support/realtime-helpers.ts";
import { databaseKinds, startTestStack, type TestStack, type TestUser } from "../support/test-stack.ts";

describe.each(databaseKinds(inject("postgresUrl")))("realtime authorization on %s", (kind) => {
  let t: TestStack;
  let host: TestUser;
  let member: TestUser;
  let stranger: TestUser;
  let roomId: string;

  beforeAll(async () => {
    t = await startTestStack(kind, inject("postgresUrl"));
    [host, member, stranger] = await Promise.all([t.signIn(), t.signIn(), t.signIn()]);
    const created = await host.invoke("rooms-create", { title: "Auth", anime_id: "a", host_username: "H", is_public: false });
    roomId = created.room.room_id;
    await member.invoke("rooms-join", { room_id: roomId, username: "M", access_key: created.room.access_key });
  });
  afterAll(() => t?.close());

  const privateChannel = (u: TestUser, topic: string, ack = false) =>
    u.client.channel(topic, { config: { private: true, broadcast: { ack } } });

  test("members join the room channel; a non-member is refused with a reason", async () => {
    const memberCh = privateChannel(member, `room:${roomId}`);
    const ok = await subscribe(memberCh);
    expect(ok.status).toBe("SUBSCRIBED");
    const strangerCh = privateChannel(stranger, `room:${roomId}`);
    const refused = await subscribe(strangerCh);
    expect(refused.status).toBe("CHANNEL_ERROR");
    expect(refused.error?.message).toMatch(/Unauthorized/);
    await member.client.removeChannel(memberCh);
    await stranger.client.removeChannel(strangerCh);
  });

  test("a public channel of the same name sees none of the room's presence", async () => {
    const memberCh = member.client.channel(`room:${roomId}`, { config: { private: true, presence: { key: member.userId } } });
    memberCh.on("presence", { event: "sync" }, () => {});
    await subscribe(memberCh);
    await memberCh.track({ name: "M" });
    const peek = stranger.client.channel(`room:${roomId}`, { config: { presence: { key: "mallory" } } });
    peek.on("presence", { event: "sync" }, () => {});
    expect((await subscribe(peek)).status).toBe("SUBSCRIBED");
    await peek.track({ name: "Mallory" });
    await sleep(200);
    expect(Object.keys(peek.presenceState())).toEqual(["mallory"]);
    expect(Object.keys(memberCh.presenceState())).toEqual([member.userId]);
    await member.client.removeChannel(memberCh);
    await stranger.client.removeChannel(peek);
  });

  test("members talk on the room channel", async () => {
    const hostCh = privateChannel(host, `room:${roomId}`);
    const memberCh = privateChannel(member, `room:${roomId}`, true);
    const got = collect(hostCh, "playback_request");
    await subscribe(hostCh);
    await subscribe(memberCh);
    expect(await memberCh.send({ type: "broadcast", event: "playback_request", payload: { action: "pause" } })).toBe("ok");
    await until(() => got.length === 1, 3000, "request at host");
  });

  test("only the host sends on the playback topic, and after a host change only the new host does", async () => {
    const term1 = `room:${roomId}:playback:1`;
    const hostCh = privateChannel(host, term1, true);
    const memberCh = privateChannel(member, term1, true);
    const atMember = collect(memberCh, "state");
    const atHost = collect(hostCh, "state");
    expect((await subscribe(hostCh)).status).toBe("SUBSCRIBED");
    expect((await subscribe(memberCh)).status).toBe("SUBSCRIBED");

    expect(await hostCh.send({ type: "broadcast", event: "state", payload: { seq: 1 } })).toBe("ok");
    await until(() => atMember.length === 1, 3000, "host state at member");
    // A member's send on the playback topic is dropped: no ack, nothing delivered.
    expect(await memberCh.send({ type: "broadcast", event: "state", payload: { seq: 666 } }, { timeout: 500 })).toBe("timed out");
    await sleep(100);
    expect(atHost).toHaveLength(0);

    // The host goes silent; cleanup hands the room to the member (term 2).
    t.clock.advance(61_000);
    await t.db.query("update public.room_members set last_heartbeat = $1::text::timestamptz where user_id = $2::text::uuid", [
      t.clock.now().toISOString(),
      member.userId,
    ]);
    expect((await t.stack.runCleanup()).hosts_transferred).toBe(1);
    const [room] = await t.db.query<{ host_term: number }>("select host_term from public.rooms where room_id = $1", [roomId]);
    expect(room.host_term).toBe(2);

    const term2 = `room:${roomId}:playback:2`;
    const newHostCh = privateChannel(member, term2, true);
    const formerHostOnTerm2 = privateChannel(host, term2, true);
    const atFormerHost = collect(formerHostOnTerm2, "state");
    expect((await subscribe(newHostCh)).status).toBe("SUBSCRIBED");
    expect((await subscribe(formerHostOnTerm2)).status).toBe("SUBSCRIBED");
    expect(await newHostCh.send({ type: "broadcast", event: "state", payload: { seq: 2 } })).toBe("ok");
    await until(() => atFormerHost.length === 1, 3000, "new host's state");
    expect(atFormerHost[0]).toEqual({ seq: 2 });

    // The former host cannot send on the new term, and what it sends on its old term
    // reaches nobody who switched.
    const atNewHost = collect(newHostCh, "state");
    expect(await formerHostOnTerm2.send({ type: "broadcast", event: "state", payload: { seq: 99 } }, { timeout: 500 })).toBe("timed out");
    await hostCh.send({ type: "broadcast", event: "state", payload: { seq: 98 } });
    await sleep(150);
    expect(atNewHost).toHaveLength(0);
  });
});
