import { describe, expect, test } from "vitest";
import { BufferingCoordinator, BUFFERING } from "../../../extension/core/buffering-coordinator.ts";
import { ClockEstimator, pingIntervalMs } from "../../../extension/core/clock-estimator.ts";
import { HostHeartbeat } from "../../../extension/core/host-heartbeat.ts";
import { expectedPosition, isNewer, type HostPlaybackState } from "../../../extension/core/playback-state.ts";
import { PresenceThrottle } from "../../../extension/core/presence-throttle.ts";
import { SeekDebounce } from "../../../extension/core/seek-debounce.ts";
import { makeInviteLink, readInviteLink, withoutInvite } from "../../../extension/core/share-link.ts";

const state = (over: Partial<HostPlaybackState> = {}): HostPlaybackState => ({
  epoch: 1, seq: 1, media_key: "m", paused: false, position: 10, rate: 1, host_time: 1000, ...over,
});

describe("expected position", () => {
  test.each([
    ["playing, 2 s later", state(), 3000, 0, 12],
    ["playing at 1.5×", state({ rate: 1.5 }), 3000, 0, 13],
    ["host clock 500 ms ahead", state(), 3000, 500, 12.5],
    ["paused", state({ paused: true }), 60_000, 0, 10],
    ["seeking: the host stands at its target", state({ seeking: true }), 60_000, 0, 10],
    ["a state from our future never rewinds", state(), 500, 0, 10],
  ])("%s", (_name, s, now, offset, expected) => {
    expect(expectedPosition(s, now, offset)).toBeCloseTo(expected, 9);
  });

  test.each([
    [state({ seq: 2 }), state({ seq: 1 }), true],
    [state({ seq: 1 }), state({ seq: 2 }), false],
    [state({ seq: 1 }), state({ seq: 1 }), false],
    [state({ epoch: 2, seq: 1 }), state({ epoch: 1, seq: 50 }), true],
    [state({ epoch: 1, seq: 99 }), state({ epoch: 2, seq: 1 }), false],
    [state(), null, true],
  ])("isNewer(%j, %j) = %s", (next, current, expected) => {
    expect(isNewer(next, current)).toBe(expected);
  });
});

describe("clock estimator", () => {
  test("picks the fastest round trip and ignores slow outliers", () => {
    const c = new ClockEstimator();
    expect(c.estimate()).toBeNull();
    // True offset +100 ms; the 4 ms round trip gives the best reading.
    c.add({ t0: 0, peer: 100 + 2, t3: 4 });
    c.add({ t0: 10, peer: 10 + 100 + 40, t3: 10 + 50 }); // queued on the way back: skewed
    c.add({ t0: 20, peer: 20 + 100 + 3, t3: 20 + 6 });
    expect(c.estimate()).toEqual({ offsetMs: 100, rttMs: 4, samples: 3 });
  });

  test("keeps only the last 8 samples and rejects garbage", () => {
    const c = new ClockEstimator();
    c.add({ t0: 0, peer: 1, t3: 2 }); // offset 0, rtt 2, the best — then pushed out
    for (let i = 1; i <= 8; i++) c.add({ t0: i * 100, peer: i * 100 + 5 + 10, t3: i * 100 + 10 });
    c.add({ t0: 5, peer: Number.NaN, t3: 6 });
    c.add({ t0: 10, peer: 10, t3: 5 }); // negative round trip
    expect(c.estimate()).toEqual({ offsetMs: 10, rttMs: 10, samples: 8 });
  });
});

describe("clock ping interval", () => {
  test.each([
    [1, 30_000],
    [2, 30_000],
    [5, 30_000],
    [9, 60_000],
    [17, 120_000],
    [200, 120_000],
  ])("a room of %d pings every %d ms", (size, interval) => {
    expect(pingIntervalMs(size)).toBe(interval);
  });
  test("pings and pongs stay within 0.27 deliveries per member per second up to 17 people", () => {
    for (let n = 2; n <= 17; n++) expect((2 * (n - 1)) / (pingIntervalMs(n) / 1000)).toBeLessThanOrEqual(4 / 15 + 1e-9);
  });
});



describe("host heartbeat", () => {
  test("every second for 5 s after a change, then every 5 s", () => {
    const h = new HostHeartbeat();
    h.changed(0);
    const sent = [] as number[];
    for (let t = 0; t <= 20_000; t += 100) if (h.due(t)) sent.push(t);
    expect(sent).toEqual([1000, 2000, 3000, 4000, 9000, 14_000, 19_000]);
  });
});

describe("seek debounce", () => {
  test("the first seek goes at once; a burst ends with one more after 300 ms quiet", () => {
    const d = new SeekDebounce();
    expect(d.quiet(0)).toBe(true);
    expect(d.seeked(0)).toBe(true);
    expect(d.quiet(100)).toBe(false); // a seek starting now belongs to the burst
    expect(d.seeked(100)).toBe(false);
    expect(d.seeked(350)).toBe(false);
    expect(d.settled(600)).toBe(false);
    expect(d.settled(650)).toBe(true);
    expect(d.settled(2000)).toBe(false);
    expect(d.seeked(5000)).toBe(true);
    expect(d.settled(6000)).toBe(false); // a lone seek needs no trailing send
  });
});

describe("buffering handshake", () => {
  test("pauses once, resumes when all are ready", () => {
    const b = new BufferingCoordinator();
    expect(b.buffering("a", true, 0)).toEqual({ kind: "pause" });
    expect(b.buffering("b", false, 100)).toEqual({ kind: "none" }); // the room is already held
    expect(b.ready("a")).toEqual({ kind: "none" });
    expect(b.ready("b")).toEqual({ kind: "resume" });
    expect(b.holding).toBe(false);
  });
  test("a paused room is not held; a timeout resumes anyway; the host can cancel", () => {
    const b = new BufferingCoordinator();
    expect(b.buffering("a", false, 0)).toEqual({ kind: "none" });
    expect(b.buffering("a", true, 0)).toEqual({ kind: "pause" });
    expect(b.tick(BUFFERING.resumeTimeoutMs - 1)).toEqual({ kind: "none" });
    expect(b.tick(BUFFERING.resumeTimeoutMs)).toEqual({ kind: "resume" });
    b.buffering("c", true, 20_000);
    b.cancel();
    expect(b.holding).toBe(false);
    expect(b.ready("c")).toEqual({ kind: "none" });
  });
});

describe("invite links", () => {
  test.each([
    ["https://video.example/watch?v=1", "https://video.example/watch?v=1#watchium=AbCdEfGh12"],
    ["https://video.example/w#t=30", "https://video.example/w#t=30&watchium=AbCdEfGh12"],
    ["https://video.example/w#watchium=OLDOLDOLD1", "https://video.example/w#watchium=AbCdEfGh12"],
  ])("%s → %s", (page, link) => {
    expect(makeInviteLink(page, "AbCdEfGh12")).toBe(link);
    expect(readInviteLink(link)).toBe("AbCdEfGh12");
    expect(withoutInvite(link)).toBe(page.replace("#watchium=OLDOLDOLD1", ""));
  });
  test.each(["https://x/#watchium=short", "https://x/#watchium=<script>1", "not a url", "https://x/"])("%s has no room", (u) => {
    expect(readInviteLink(u)).toBeNull();
  });
});

describe("presence throttle", () => {
  test("4 updates per 30 s; the latest waiting one goes when the window frees", () => {
    const p = new PresenceThrottle<string>();
    expect(["a", "b", "c", "d"].map((v, i) => p.offer(v, i * 1000))).toEqual(["a", "b", "c", "d"]);
    expect(p.offer("e", 5000)).toBeNull();
    expect(p.offer("f", 6000)).toBeNull();
    expect(p.waitMs(6000)).toBe(30_000 - 6000 + 1);
    expect(p.due(29_999)).toBeNull();
    expect(p.due(30_000)).toBe("f");
    expect(p.due(30_001)).toBeNull();
  });
});

describe("host state sequencer", () => {
  test("numbers states within a term and re-issues the last one moved to now", async () => {
    const { HostStateSequencer } = await import("../../../extension/core/host-state-sequencer.ts");
    const s = new HostStateSequencer(5000);
    expect(s.movedTo(0)).toBeNull();
    const st = s.next({ paused: false, position: 10, rate: 2, host_time: 1000 }, 3, "m:1");
    expect(st).toEqual({ epoch: 3, seq: 5001, media_key: "m:1", paused: false, position: 10, rate: 2, host_time: 1000 });
    expect(s.movedTo(1500)).toEqual({ paused: false, position: 11, rate: 2, host_time: 1500 });
    s.next({ paused: true, position: 30, rate: 1, host_time: 2000 }, 3, "m:1");
    expect(s.movedTo(9000)?.position).toBe(30);
    // A reading stamped in the future (the host's seek still under way) is not moved back.
    s.next({ paused: false, position: 60, rate: 1, host_time: 10_100 }, 3, "m:1");
    expect(s.movedTo(10_000)).toEqual({ paused: false, position: 60, rate: 1, host_time: 10_100 });
    expect(s.movedTo(11_100)?.position).toBe(61);
    expect(s.seq).toBe(10_100);
    // A fresh sequencer (a restarted worker that lost its count) still numbers above: seq follows the clock.
    const restarted = new HostStateSequencer(0);
    expect(restarted.next({ paused: false, position: 0, rate: 1, host_time: 9_000_000 }, 3, "m:1").seq).toBe(9_000_000);
  });
});

