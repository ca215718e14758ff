/** The local stack's anonymous Supabase Auth, exercised through supabase-js. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

describe("local auth (anonymous sign-in)", () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await startTestStack("pglite");
  });
  afterAll(() => t?.close());

  test("signInAnonymously gives a session whose user getUser recognises", async () => {
    const user = await t.signIn();
    const { data, error } = await user.client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user?.id).toBe(user.userId);
    expect(data.user?.is_anonymous).toBe(true);
  });

  test("refreshing gives a new token for the same user; the old refresh token stops working later", async () => {
    const user = await t.signIn();
    const { data: before } = await user.client.auth.getSession();
    const { data, error } = await user.client.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.user?.id).toBe(user.userId);
    expect(data.session?.refresh_token).not.toBe(before.session?.refresh_token);
    t.clock.advance(11_000);
    const res = await fetch(`${t.stack.url}/auth/v1/token?grant_type=refresh_token`, {
      method: "POST",
      headers: { apikey: t.stack.anonKey, "content-type": "application/json" },
      body: JSON.stringify({ refresh_token: before.session?.refresh_token }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error_code).toBe("refresh_token_not_found");
  });

  test("a request without the project's API key is refused", async () => {
    const res = await fetch(`${t.stack.url}/auth/v1/signup`, { method: "POST", body: "{}" });
    expect(res.status).toBe(401);
  });

  test("email sign-up is refused with a clear message", async () => {
    const user = await t.signIn();
    const { error } = await user.client.auth.signUp({ email: "a@example.com", password: "secret123" });
    expect(error?.message).toMatch(/anonymous/i);
  });

  // The functions remember tokens they have verified; that memory must not outlive a
  // token's expiry, nor make a tampered copy of a known token acceptable.
  test("a token accepted before is refused once it expires, and a tampered copy of it never", async () => {
    const user = await t.signIn();
    expect((await user.call("rooms-list-public", {})).status).toBe(200);
    const [head, claims, signature] = user.accessToken.split(".");
    const flipped = signature.slice(0, -2) + (signature.endsWith("AA") ? "BB" : "AA");
    const tampered = await user.call("rooms-list-public", {}, { token: `${head}.${claims}.${flipped}` });
    expect(tampered.status).toBe(401);
    expect((await user.call("rooms-list-public", {})).status).toBe(200);
    t.clock.advance(3_601_000);
    const expired = await user.call("rooms-list-public", {});
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/expired/);
  });
});
