import { describe, expect, test } from "vitest";
import { BufferingCoordinator, BUFFERING } from "../../../extension/core/buffering-coordinator.ts";
import { ClockEstimator } from "../../../extension/core/clock-estimator.ts";
import { HostHeartbeat } from "../../../extension/core/host-heartbeat.ts";
import { expectedPosition, isNewer, type HostPlaybackState } from "../../../extension/core/playback-state.ts";
import { PresenceThrottle } from "../../../extension/core/presence-throttle.ts";
import { SeekDebounce } from "../../../extension/core/seek-debounce.ts";
import { makeInviteLink, readInviteLink, withoutInvite } from "../../../extension/core/share-link.ts";
import { SYNC, SyncController } from "../../../extension/core/sync-controller.ts";

const state = (over: Partial<HostPlaybackState> = {}): HostPlaybackState => ({
  epoch: 1, seq: 1, media_key: "m", paused: false, position: 10, rate: 1, host_time: 1000, ...over,
});

describe("expected position", () => {
  test.each([
    ["playing, 2 s later", state(), 3000, 0, 12],
    ["playing at 1.5×", state({ rate: 1.5 }), 3000, 0, 13],
    ["host clock 500 ms ahead", state(), 3000, 500, 12.5],
    ["paused", state({ paused: true }), 60_000, 0, 10],
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

describe("correction ladder", () => {
  const playing = (position: number, rate = 1) => ({ position, paused: false, rate });
  test.each([
    ["in sync", 10, 10.01, 1, { kind: "none" }],
    ["20 ms behind: inside the dead band", 10.02, 10, 1, { kind: "none" }],
    ["50 ms behind: speed up", 10.05, 10, 1, { kind: "rate", rate: 1.064 }],
    ["0.5 s behind: speed up the most", 10.5, 10, 1, { kind: "rate", rate: 1.08 }],
    ["0.5 s ahead: slow down the most", 10, 10.5, 1, { kind: "rate", rate: 0.92 }],
    ["at 2× the adjustment scales", 10.5, 10, 2, { kind: "rate", rate: 2.16 }],
    ["3 s behind: seek with the seek latency", 13, 10, 1, { kind: "seek", to: 13 + SYNC.initialSeekLatencyMs / 1000 }],
  ])("%s", (_name, target, actual, rate, decision) => {
    const c = new SyncController();
    expect(c.decide({ position: target, paused: false, rate }, playing(actual, rate), 0)).toEqual(decision);
  });

  test("rate returns to exactly the host's once within 15 ms, with hysteresis", () => {
    const c = new SyncController();
    expect(c.decide({ position: 10.05, paused: false, rate: 1 }, playing(10), 0).kind).toBe("rate");
    // 20 ms: still correcting (hysteresis) …
    expect(c.decide({ position: 10.02, paused: false, rate: 1 }, playing(10, 1.064), 0)).toEqual({ kind: "rate", rate: 1.0256 });
    // … 10 ms: back to exactly 1.0.
    expect(c.decide({ position: 10.01, paused: false, rate: 1 }, playing(10, 1.0256), 0)).toEqual({ kind: "rate", rate: 1 });
    expect(c.decide({ position: 10.01, paused: false, rate: 1 }, playing(10, 1), 0)).toEqual({ kind: "none" });
  });

  test("at most one seek per 3 s; in between it corrects with the rate", () => {
    const c = new SyncController();
    expect(c.decide({ position: 20, paused: false, rate: 1 }, playing(10), 0).kind).toBe("seek");
    expect(c.decide({ position: 20, paused: false, rate: 1 }, playing(10), 1000)).toEqual({ kind: "rate", rate: 1.08 });
    expect(c.decide({ position: 20, paused: false, rate: 1 }, playing(10), 3000).kind).toBe("seek");
  });

  test("the seek latency is learned from completed seeks", () => {
    const c = new SyncController();
    c.decide({ position: 20, paused: false, rate: 1 }, playing(10), 0);
    c.seekCompleted(280); // took 280 ms
    expect(c.learnedSeekLatencyMs).toBeCloseTo(0.7 * 80 + 0.3 * 280);
    const d = c.decide({ position: 40, paused: false, rate: 1 }, playing(10), 5000);
    expect(d).toEqual({ kind: "seek", to: 40 + c.learnedSeekLatencyMs / 1000 });
  });

  test("pause follows the host to its pause point; play resumes", () => {
    const c = new SyncController();
    expect(c.decide({ position: 30, paused: true, rate: 1 }, playing(29.98), 0)).toEqual({ kind: "pause", at: 30 });
    expect(c.decide({ position: 30, paused: true, rate: 1 }, { position: 29.5, paused: true, rate: 1 }, 0)).toEqual({ kind: "seek", to: 30 });
    expect(c.decide({ position: 30, paused: true, rate: 1 }, { position: 30, paused: true, rate: 1 }, 0)).toEqual({ kind: "none" });
    expect(c.decide({ position: 30, paused: false, rate: 1 }, { position: 30, paused: true, rate: 1 }, 0)).toEqual({ kind: "play" });
  });

  test("simulated playback converges: a member 400 ms behind ends within 15 ms", () => {
    const c = new SyncController();
    let member = 9.6;
    let rate = 1;
    for (let t = 0; t <= 10_000; t += 250) {
      const host = 10 + t / 1000;
      const d = c.decide({ position: host, paused: false, rate: 1 }, playing(member, rate), t);
      if (d.kind === "rate") rate = d.rate;
      member += (rate * 250) / 1000;
    }
    expect(Math.abs(10 + 10.25 - member) * 1000).toBeLessThan(15);
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
    expect(d.seeked(0)).toBe(true);
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
    expect(s.seq).toBe(5002);
    // A fresh sequencer (a restarted worker that lost its count) still numbers above: seq follows the clock.
    const restarted = new HostStateSequencer(0);
    expect(restarted.next({ paused: false, position: 0, rate: 1, host_time: 9_000_000 }, 3, "m:1").seq).toBe(9_000_000);
  });
});

describe("corrective seek", () => {
  test("a seek that lands off gets one quick corrective seek, then the rate takes over", () => {
    const c = new SyncController();
    const playing = (position: number) => ({ position, paused: false, rate: 1 });
    expect(c.decide({ position: 20, paused: false, rate: 1 }, playing(10), 0).kind).toBe("seek");
    c.seekCompleted(400); // slower than the 80 ms learned so far: the video is now ~300 ms behind
    const corrective = c.decide({ position: 20.7, paused: false, rate: 1 }, playing(20.4), 500);
    expect(corrective.kind).toBe("seek");
    c.seekCompleted(600);
    // The corrective seek does not earn another one: small errors go back to the rate ladder.
    expect(c.decide({ position: 21, paused: false, rate: 1 }, playing(20.9), 700)).toEqual({ kind: "rate", rate: 1.08 });
  });

  test("no corrective seek when the first one landed close, or long after", () => {
    const c = new SyncController();
    c.decide({ position: 20, paused: false, rate: 1 }, { position: 10, paused: false, rate: 1 }, 0);
    c.seekCompleted(100);
    expect(c.decide({ position: 20.2, paused: false, rate: 1 }, { position: 20.17, paused: false, rate: 1 }, 200).kind).not.toBe("seek");
    expect(c.decide({ position: 22, paused: false, rate: 1 }, { position: 21.8, paused: false, rate: 1 }, 2000).kind).toBe("rate");
  });
});
