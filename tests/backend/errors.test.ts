/**
 * Every kind of bad request gets a clear 4xx JSON error, and leaves the database as it was.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { signHs256 } from "../../backend/supabase/functions/_shared/jwt.ts";
import { databaseKinds, startTestStack, type CallResult, type TestStack, type TestUser } from "../support/test-stack.ts";

const room = (over: Record<string, unknown> = {}) => ({
  title: "Errors",
  anime_id: "show",
  episode_number: 1,
  host_username: "Host",
  is_public: true,
  ...over,
});

describe.each(databaseKinds(inject("postgresUrl")))("bad requests on %s", (kind) => {
  let t: TestStack;
  let host: TestUser;
  let guest: TestUser;
  let publicRoom: string;
  let privateRoom: { room_id: string; access_key: string };

  beforeAll(async () => {
    t = await startTestStack(kind, inject("postgresUrl"));
    [host, guest] = await Promise.all([t.signIn(), t.signIn()]);
    publicRoom = (await host.invoke("rooms-create", room())).room.room_id;
    privateRoom = (await host.invoke("rooms-create", room({ is_public: false }))).room;
  });
  afterAll(() => t?.close());

  /** Runs a request and checks its status, error code, and that no table changed. */
  async function expectRefused(
    request: () => Promise<CallResult>,
    status: number,
    code: string,
  ): Promise<CallResult> {
    const before = await t.snapshot();
    const res = await request();
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe("string");
    expect(res.body.error.message.length).toBeGreaterThan(10);
    expect(await t.snapshot()).toEqual(before);
    return res;
  }

  test("malformed JSON → 400 invalid_json", async () => {
    await expectRefused(() => host.call("rooms-create", undefined, { rawBody: "{not json" }), 400, "invalid_json");
  });

  test("a missing field → 400 naming it", async () => {
    const { title: _omit, ...noTitle } = room();
    const res = await expectRefused(() => host.call("rooms-create", noTitle), 400, "validation_failed");
    expect(res.body.error.message).toContain("title");
  });

  test("an extra field → 400 naming it", async () => {
    const res = await expectRefused(() => host.call("rooms-create", room({ admin: true })), 400, "validation_failed");
    expect(res.body.error.message).toContain("admin");
  });

  test("a wrong-typed field → 400", async () => {
    await expectRefused(() => host.call("rooms-create", room({ is_public: "yes" })), 400, "validation_failed");
    await expectRefused(() => host.call("rooms-join", { room_id: 12, username: "x" }), 400, "validation_failed");
    await expectRefused(
      () => host.call("sync-control", { room_id: publicRoom, action: "rewind", current_time: 1 }),
      400,
      "validation_failed",
    );
  });

  test("a body that is not an object, or too big → 400 / 413", async () => {
    await expectRefused(() => host.call("rooms-create", undefined, { rawBody: "[1,2]" }), 400, "validation_failed");
    await expectRefused(
      () => host.call("rooms-create", undefined, { rawBody: JSON.stringify(room({ pad: "x".repeat(70_000) })) }),
      413,
      "too_large",
    );
  });

  test("a comment over 2,000 characters → 413", async () => {
    const res = await expectRefused(
      () =>
        host.call("comments-create", {
          room_id: publicRoom,
          anime_id: "show",
          episode_number: 1,
          message: "a".repeat(2001),
          video_timestamp: 1,
        }),
      413,
      "too_large",
    );
    expect(res.body.error.message).toContain("message");
  });

  test("an over-long title → 413", async () => {
    await expectRefused(() => host.call("rooms-create", room({ title: "t".repeat(101) })), 413, "too_large");
  });

  test("a wrong access key → 403, and no membership", async () => {
    const wrong = privateRoom.access_key === "000000" ? "111111" : "000000";
    const res = await expectRefused(
      () => guest.call("rooms-join", { room_id: privateRoom.room_id, username: "G", access_key: wrong }),
      403,
      "wrong_access_key",
    );
    expect(res.body.error.message).toMatch(/attempt/);
    await expectRefused(
      () => guest.call("rooms-join", { room_id: privateRoom.room_id, username: "G" }),
      403,
      "wrong_access_key",
    );
  });

  test("a private room's contents are closed to non-members → 403", async () => {
    await expectRefused(() => guest.call("members-get-list", { room_id: privateRoom.room_id }), 403, "forbidden");
    await expectRefused(
      () => guest.call("comments-get-by-episode", { room_id: privateRoom.room_id, anime_id: "show", episode_number: 1 }),
      403,
      "forbidden",
    );
  });

  test("sync-control by a member who is not host → 403", async () => {
    await guest.invoke("rooms-join", { room_id: publicRoom, username: "G" });
    await expectRefused(
      () => guest.call("sync-control", { room_id: publicRoom, action: "play", current_time: 3 }),
      403,
      "forbidden",
    );
    await expectRefused(() => guest.call("rooms-delete", { room_id: publicRoom }), 403, "forbidden");
  });

  test("an unknown room → 404", async () => {
    await expectRefused(() => guest.call("rooms-join", { room_id: "AAAAAAAAAA", username: "G" }), 404, "not_found");
    await expectRefused(
      () => host.call("sync-control", { room_id: "AAAAAAAAAA", action: "pause", current_time: 0 }),
      404,
      "not_found",
    );
    await expectRefused(() => host.call("no-such-function", {}), 404, "not_found");
  });

  test("a reply to a comment that does not exist → 404; a second anchor → 409", async () => {
    const base = { room_id: publicRoom, anime_id: "show", episode_number: 1, video_timestamp: 2 };
    await expectRefused(
      () => host.call("comments-create", { ...base, message: "hi", parent_id: "00000000-0000-4000-8000-000000000000" }),
      404,
      "not_found",
    );
    await host.invoke("comments-create", { ...base, message: "Episode 1 thread", is_anchor: true });
    await expectRefused(() => host.call("comments-create", { ...base, message: "again", is_anchor: true }), 409, "conflict");
  });

  test("a forged user_id → 403", async () => {
    await expectRefused(() => host.call("rooms-create", room({ host_user_id: guest.userId })), 403, "forbidden");
    await expectRefused(
      () => guest.call("rooms-leave", { room_id: publicRoom, user_id: host.userId }),
      403,
      "forbidden",
    );
  });

  test("no token, a bad token, an expired token, or the anon key → 401", async () => {
    await expectRefused(() => host.call("rooms-create", room(), { token: null }), 401, "unauthorized");
    await expectRefused(() => host.call("rooms-create", room(), { token: "abc.def.ghi" }), 401, "unauthorized");
    const forged = await signHs256({ sub: host.userId, role: "authenticated", exp: 2e9 }, "not-the-secret-of-this-project!!");
    await expectRefused(() => host.call("rooms-create", room(), { token: forged }), 401, "unauthorized");
    const expired = await signHs256(
      { sub: host.userId, role: "authenticated", exp: Math.floor(Date.now() / 1000) - 10 },
      "super-secret-jwt-token-with-at-least-32-characters-long",
    );
    await expectRefused(() => host.call("rooms-create", room(), { token: expired }), 401, "unauthorized");
    await expectRefused(() => host.call("rooms-create", room(), { token: t.stack.anonKey }), 401, "unauthorized");
  });

  test("GET on a write function → 405", async () => {
    const res = await fetch(`${t.stack.url}/functions/v1/rooms-create`, {
      headers: { authorization: `Bearer ${host.accessToken}` },
    });
    expect(res.status).toBe(405);
    expect((await res.json()).error.code).toBe("method_not_allowed");
  });

  test("CORS preflight is answered for the extension", async () => {
    const res = await fetch(`${t.stack.url}/functions/v1/rooms-join`, { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-headers")).toContain("authorization");
  });
});
