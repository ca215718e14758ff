import { describe, expect, test } from "vitest";
import {
  decodeBinaryPush,
  decodeTextFrame,
  encodeBinaryBroadcast,
  encodeTextFrame,
  FrameError,
} from "../../backend/local/realtime/frames.ts";
import { readJoin } from "../../backend/local/realtime/join-request.ts";
import { TopicPresence } from "../../backend/local/realtime/presence.ts";
import { RateWindow } from "../../backend/local/realtime/rate-window.ts";
import { binaryPush } from "../support/raw-socket.ts";

describe("frames", () => {
  test("text frames round-trip in both versions", () => {
    const f = { join_ref: "1", ref: "2", topic: "realtime:a", event: "phx_join", payload: { x: 1 } };
    expect(decodeTextFrame(encodeTextFrame(f, "2.0.0"), "2.0.0")).toEqual(f);
    expect(decodeTextFrame(encodeTextFrame(f, "1.0.0"), "1.0.0")).toEqual(f);
    expect(encodeTextFrame(f, "2.0.0")).toBe('["1","2","realtime:a","phx_join",{"x":1}]');
  });

  test.each([
    ["not json", "2.0.0"],
    ["[1,2,3,4]", "2.0.0"],
    ['[null,null,1,"e",{}]', "2.0.0"],
    ['[1,null,"t","e",{}]', "2.0.0"],
    ["[]", "1.0.0"],
  ] as const)("%s (vsn %s) is a FrameError", (raw, vsn) => {
    expect(() => decodeTextFrame(raw, vsn)).toThrow(FrameError);
  });

  test("kind 3 decodes what realtime-js encodes", () => {
    expect(decodeBinaryPush(binaryPush("4", "5", "realtime:r", "seek", { t: 1.5 }))).toEqual({
      join_ref: "4", ref: "5", topic: "realtime:r", event: "seek", meta: undefined, payload: { t: 1.5 }, binary: false,
    });
  });

  test.each([
    [[3]],
    [[3, 9, 0, 0, 0, 0, 1]],
    [[4, 0, 0, 0, 0, 0, 1]],
    [[3, 0, 0, 0, 0, 0, 7]],
  ])("malformed kind-3 %j is a FrameError", (bytes) => {
    expect(() => decodeBinaryPush(new Uint8Array(bytes))).toThrow(FrameError);
  });

  test("kind 4 layout: header, topic, event, meta, payload", () => {
    const bytes = encodeBinaryBroadcast({ topic: "realtime:r", event: "e", meta: { id: "x" }, payload: { a: 1 } });
    const meta = '{"id":"x"}';
    expect([...bytes.subarray(0, 5)]).toEqual([4, 10, 1, meta.length, 1]);
    expect(new TextDecoder().decode(bytes.subarray(5))).toBe(`realtime:re${meta}{"a":1}`);
  });
});

describe("join request", () => {
  test("defaults and an access token", () => {
    expect(readJoin("realtime:room:1", { config: { private: true, presence: { key: "k", enabled: true } }, access_token: "t" })).toEqual({
      topic: "room:1", private: true, self: false, ack: false, presenceEnabled: true, presenceKey: "k", accessToken: "t",
    });
  });
  test.each([
    [{ access_token: "" }, undefined],
    [{ access_token: "sb_publishable_x" }, undefined],
    [{}, undefined],
  ])("%j uses the socket's apikey", (payload, expected) => {
    expect((readJoin("realtime:x", payload) as { accessToken?: string }).accessToken).toBe(expected);
  });
  test("refusals", () => {
    expect(readJoin("realtime:", {})).toEqual({ reason: "TopicNameRequired: You must provide a topic name" });
    expect(readJoin("realtime:x", { config: { postgres_changes: [{ event: "*" }] } })).toHaveProperty("reason");
  });
});

describe("presence", () => {
  test("track, re-track (leave then join), identical re-track, untrack", () => {
    const p = new TopicPresence();
    const [join] = p.track("s1", "alice", { status: "in_sync" });
    const ref = join.joins.alice.metas[0].phx_ref;
    expect(p.state()).toEqual({ alice: { metas: [{ status: "in_sync", phx_ref: ref }] } });
    const diffs = p.track("s1", "alice", { status: "buffering" });
    expect(diffs).toHaveLength(2);
    expect(diffs[0].leaves.alice.metas[0].phx_ref).toBe(ref);
    expect(diffs[1].joins.alice.metas[0]).toMatchObject({ status: "buffering", phx_ref_prev: ref });
    expect(p.track("s1", "alice", { status: "buffering" })).toEqual([]);
    p.track("s2", "alice", { status: "in_sync" }); // same key from another device
    expect(p.state().alice.metas).toHaveLength(2);
    expect(p.untrack("s1")?.leaves.alice.metas[0].status).toBe("buffering");
    expect(p.untrack("s1")).toBeNull();
    expect(p.size).toBe(1);
  });
});

describe("rate window", () => {
  test("allows max per window, then frees as time passes", () => {
    const w = new RateWindow(2, 1000);
    expect([w.hit(0), w.hit(10), w.hit(20)]).toEqual([true, true, false]);
    expect(w.hit(1001)).toBe(true);
    expect(w.hit(1005)).toBe(false);
    expect(w.hit(1011)).toBe(true);
  });
});
