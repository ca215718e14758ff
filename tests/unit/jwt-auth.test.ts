import { describe, expect, test } from "vitest";
import { createAuthenticator } from "../../backend/supabase/functions/_shared/auth.ts";
import { ApiError } from "../../backend/supabase/functions/_shared/errors.ts";
import { base64UrlEncode, decodeJwt, signHs256 } from "../../backend/supabase/functions/_shared/jwt.ts";

const SECRET = "a-test-secret-that-is-at-least-32-characters";
const USER = "0b5c3f5e-1d2a-4c9b-8f00-123456789abc";
const NOW = 1_800_000_000_000;
const auth = createAuthenticator({ jwtSecret: SECRET });
const request = (token?: string) =>
  new Request("http://x/", { headers: token ? { authorization: `Bearer ${token}` } : {} });

async function statusOf(token?: string): Promise<number | "ok"> {
  try {
    await auth(request(token), NOW);
    return "ok";
  } catch (err) {
    return (err as ApiError).status;
  }
}

describe("JWT verification", () => {
  test("a valid token yields its user", async () => {
    const token = await signHs256({ sub: USER, role: "authenticated", exp: NOW / 1000 + 60, is_anonymous: true }, SECRET);
    expect(await auth(request(token), NOW)).toEqual({ userId: USER, isAnonymous: true });
  });

  test.each([
    ["no token", async () => undefined],
    ["garbage", async () => "not-a-jwt"],
    ["wrong secret", () => signHs256({ sub: USER, role: "authenticated", exp: NOW / 1000 + 60 }, "another-secret-another-secret-xx")],
    ["expired", () => signHs256({ sub: USER, role: "authenticated", exp: NOW / 1000 - 1 }, SECRET)],
    ["no exp", () => signHs256({ sub: USER, role: "authenticated" }, SECRET)],
    ["anon role (an API key)", () => signHs256({ role: "anon", exp: NOW / 1000 + 60 }, SECRET)],
    ["sub not a uuid", () => signHs256({ sub: "admin", role: "authenticated", exp: NOW / 1000 + 60 }, SECRET)],
    [
      "alg none",
      async () => {
        const enc = (o: object) => base64UrlEncode(new TextEncoder().encode(JSON.stringify(o)));
        return `${enc({ alg: "none" })}.${enc({ sub: USER, role: "authenticated", exp: NOW / 1000 + 60 })}.`;
      },
    ],
  ])("%s → 401", async (_name, make) => {
    expect(await statusOf(await make())).toBe(401);
  });

  test("a tampered payload fails the signature check", async () => {
    const token = await signHs256({ sub: USER, role: "authenticated", exp: NOW / 1000 + 60 }, SECRET);
    const [h, , s] = token.split(".");
    const forged = base64UrlEncode(
      new TextEncoder().encode(JSON.stringify({ sub: "11111111-1111-4111-8111-111111111111", role: "authenticated", exp: NOW / 1000 + 60 })),
    );
    expect(await statusOf(`${h}.${forged}.${s}`)).toBe(401);
  });

  test("decodeJwt rejects non-JSON parts", () => {
    expect(decodeJwt("a.b.c")).toBeNull();
    expect(decodeJwt("only.two")).toBeNull();
  });
});
