import { describe, expect, test } from "vitest";
import {
  accessKeyMatches,
  constantTimeEqual,
  generateAccessKey,
  generateRoomId,
  hashAccessKey,
} from "../../backend/supabase/functions/_shared/secrets.ts";

describe("room IDs and access keys", () => {
  test("room IDs are 10 URL-safe characters and do not repeat", () => {
    const ids = new Set(Array.from({ length: 2000 }, generateRoomId));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{10}$/);
  });

  test("access keys are 6 digits spread over all of 000000–999999", () => {
    const keys = Array.from({ length: 5000 }, generateAccessKey);
    for (const k of keys) expect(k).toMatch(/^\d{6}$/);
    // Each leading digit should appear about 500 times; a biased generator would skew this.
    const counts = Array.from({ length: 10 }, (_, d) => keys.filter((k) => k[0] === String(d)).length);
    for (const c of counts) expect(c).toBeGreaterThan(350);
  });

  test("a key matches its own hash only, and the hash is salted", async () => {
    const a = await hashAccessKey("123456");
    const b = await hashAccessKey("123456");
    expect(a).not.toBe(b);
    expect(await accessKeyMatches("123456", a)).toBe(true);
    expect(await accessKeyMatches("123457", a)).toBe(false);
    expect(await accessKeyMatches("123456", "md5$x$y")).toBe(false);
    expect(await accessKeyMatches("123456", "garbage")).toBe(false);
  });

  test.each([
    ["abc", "abc", true],
    ["abc", "abd", false],
    ["abc", "ab", false],
    ["", "", true],
    ["", "a", false],
  ])("constantTimeEqual(%j, %j) is %s", (a, b, expected) => {
    expect(constantTimeEqual(a, b)).toBe(expected);
  });
});
