import { describe, expect, test } from "vitest";
import { CommentsCreateRequest, RoomsCreateRequest, SyncControlRequest } from "../../backend/supabase/functions/_shared/contract.ts";
import { ApiError, fromDatabaseError } from "../../backend/supabase/functions/_shared/errors.ts";
import { expectedPosition } from "../../backend/supabase/functions/_shared/handlers/playback-state.ts";
import { validate } from "../../backend/supabase/functions/_shared/http.ts";

function failure(fn: () => unknown): { status: number; code: string; message: string } {
  try {
    fn();
  } catch (err) {
    const e = err as ApiError;
    return { status: e.status, code: e.code, message: e.message };
  }
  throw new Error("expected a failure");
}

const goodRoom = { title: "T", anime_id: "a", host_username: "H", is_public: true };
const goodComment = { room_id: "AAAAAAAAAA", anime_id: "a", episode_number: 1, message: "hi", video_timestamp: 0 };

describe("request validation", () => {
  test.each([
    ["too-long title", RoomsCreateRequest, { ...goodRoom, title: "x".repeat(101) }, 413, "title"],
    ["blank title", RoomsCreateRequest, { ...goodRoom, title: "   " }, 400, "title"],
    ["extra field", RoomsCreateRequest, { ...goodRoom, is_admin: true }, 400, "is_admin"],
    ["javascript: video URL", RoomsCreateRequest, { ...goodRoom, video_url: "javascript:alert(1)" }, 400, "video_url"],
    ["2001-char message", CommentsCreateRequest, { ...goodComment, message: "m".repeat(2001) }, 413, "message"],
    ["bad room id", CommentsCreateRequest, { ...goodComment, room_id: "../etc" }, 400, "room_id"],
    ["negative timestamp", CommentsCreateRequest, { ...goodComment, video_timestamp: -1 }, 400, "video_timestamp"],
    ["anchor reply", CommentsCreateRequest, { ...goodComment, is_anchor: true, parent_id: "00000000-0000-4000-8000-000000000000" }, 400, "is_anchor"],
    ["rate without rate", SyncControlRequest, { room_id: "AAAAAAAAAA", action: "rate", current_time: 1 }, 400, "playback_rate"],
    ["NaN-ish time", SyncControlRequest, { room_id: "AAAAAAAAAA", action: "seek", current_time: "1" }, 400, "current_time"],
  ])("%s → %i naming the field", (_name, schema, input, status, field) => {
    const f = failure(() => validate(schema, input));
    expect(f.status).toBe(status);
    expect(f.message).toContain(field);
  });

  test("valid input passes, trimmed", () => {
    expect(validate(RoomsCreateRequest, { ...goodRoom, title: "  Movie night " }).title).toBe("Movie night");
  });
});

describe("database errors", () => {
  test.each([
    [{ code: "WT404", message: "No room" }, 404, "not_found", undefined],
    [{ code: "WT429", message: "Slow down", hint: "42" }, 429, "rate_limited", 42],
    [{ code: "WT409", message: "Exists" }, 409, "conflict", undefined],
    [{ code: "23505", message: "duplicate key" }, 409, "conflict", undefined],
  ])("%j → %i %s", (err, status, code, retry) => {
    const e = fromDatabaseError(err);
    expect([e.status, e.code, e.retryAfter]).toEqual([status, code, retry]);
  });

  test("anything else is a real failure and is rethrown", () => {
    expect(() => fromDatabaseError(new Error("connection reset"))).toThrow("connection reset");
  });
});

describe("expected position", () => {
  const base = { is_playing: true, current_playback_time: 10, playback_rate: 1, state_updated_at: "2026-01-01T00:00:00.000Z" } as never;
  test.each([
    [0, 10],
    [1000, 11],
    [-500, 10], // a clock behind the state never rewinds
  ])("%i ms after the state → %f s", (ms, pos) => {
    expect(expectedPosition(base, Date.parse("2026-01-01T00:00:00.000Z") + ms)).toBeCloseTo(pos, 6);
  });
  test("a faster rate and a pause", () => {
    expect(expectedPosition({ ...(base as object), playback_rate: 2 } as never, Date.parse("2026-01-01T00:00:01.000Z"))).toBeCloseTo(12);
    expect(expectedPosition({ ...(base as object), is_playing: false } as never, Date.parse("2026-01-01T00:01:00.000Z"))).toBe(10);
  });
});
