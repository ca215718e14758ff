import { describe, expect, test } from "vitest";
import { CommentThreads, type ThreadComment } from "../../../extension/core/comment-thread.ts";

let n = 0;
const c = (id: string, at: number, over: Partial<ThreadComment> = {}): ThreadComment => ({
  id,
  parent_id: null,
  is_anchor: false,
  created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, at)).toISOString(),
  user_id: "u",
  username: "U",
  message: `m${n++}`,
  video_timestamp: 0,
  ...over,
});
const shape = (t: CommentThreads) => t.threads().map((th) => [th.root.id, th.replies.map((r) => r.id)]);

describe("comment threads", () => {
  test("threads oldest first, replies under their parent oldest first", () => {
    const t = new CommentThreads();
    t.merge([c("b", 2), c("a", 1), c("a2", 5, { parent_id: "a" }), c("a1", 3, { parent_id: "a" })]);
    expect(shape(t)).toEqual([["a", ["a1", "a2"]], ["b", []]]);
  });

  test("the anchor thread is pinned on top whatever its time", () => {
    const t = new CommentThreads();
    t.merge([c("x", 1), c("anchor", 9, { is_anchor: true }), c("r", 10, { parent_id: "anchor" })]);
    expect(shape(t)).toEqual([["anchor", ["r"]], ["x", []]]);
  });

  test("a reply to a reply joins the root thread", () => {
    const t = new CommentThreads();
    t.merge([c("root", 1), c("r1", 2, { parent_id: "root" }), c("r2", 3, { parent_id: "r1" })]);
    expect(shape(t)).toEqual([["root", ["r1", "r2"]]]);
  });

  test("a comment delivered live and by fetch is shown once", () => {
    const t = new CommentThreads();
    expect(t.merge([c("live", 5)])).toBe(1);
    expect(t.merge([c("old", 1), c("live", 5)])).toBe(1);
    expect(t.size).toBe(2);
    expect(shape(t)).toEqual([["old", []], ["live", []]]);
  });

  test("paging: a reply whose parent is on an older page moves under it when that page arrives", () => {
    const t = new CommentThreads();
    t.merge([c("late-reply", 20, { parent_id: "early" }), c("new", 21)]);
    expect(shape(t)).toEqual([["late-reply", []], ["new", []]]);
    t.merge([c("early", 1)]); // the older page
    expect(shape(t)).toEqual([["early", ["late-reply"]], ["new", []]]);
  });

  test("same timestamps order by id, and a parent cycle cannot hang it", () => {
    const t = new CommentThreads();
    t.merge([c("b", 1), c("a", 1), c("x", 2, { parent_id: "y" }), c("y", 3, { parent_id: "x" })]);
    expect(t.threads().length).toBeGreaterThan(0);
    expect(shape(t)[0][0]).toBe("a");
  });
});
