/** The member's correction ladder and the seek timing it relies on (pure, simulated time). */
import { describe, expect, test } from "vitest";
import { holdMs, type HostPlaybackState } from "../../../extension/core/playback-state.ts";
import { isBuffered, SEEK_LATENCY, SeekLatency } from "../../../extension/core/seek-latency.ts";
import { SyncController } from "../../../extension/core/sync-controller.ts";

const state = (over: Partial<HostPlaybackState> = {}): HostPlaybackState => ({
  epoch: 1, seq: 1, media_key: "m", paused: false, position: 10, rate: 1, host_time: 1000, ...over,
});

describe("correction ladder", () => {
  const playing = (position: number, rate = 1) => ({ position, paused: false, rate });
  test.each([
    ["in sync", 10, 10.001, 1, { kind: "none" }],
    ["8 ms behind: inside the dead band", 10.008, 10, 1, { kind: "none" }],
    ["8 ms ahead: inside the dead band", 10, 10.008, 1, { kind: "none" }],
    ["20 ms behind: speed up a little", 10.02, 10, 1, { kind: "rate", rate: 1.0256 }],
    ["50 ms behind: speed up", 10.05, 10, 1, { kind: "rate", rate: 1.064 }],
    ["0.5 s behind: speed up the most", 10.5, 10, 1, { kind: "rate", rate: 1.08 }],
    ["0.5 s ahead: slow down the most", 10, 10.5, 1, { kind: "rate", rate: 0.92 }],
    ["at 2× the adjustment scales", 10.5, 10, 2, { kind: "rate", rate: 2.16 }],
    ["3 s behind: seek with the seek latency", 13, 10, 1, { kind: "seek", to: 13 + SEEK_LATENCY.initialMs / 1000 }],
  ])("%s", (_name, target, actual, rate, decision) => {
    const c = new SyncController();
    expect(c.decide({ position: target, paused: false, rate }, playing(actual, rate), 0)).toEqual(decision);
  });

  test("rate returns to exactly the host's once within 3 ms, with hysteresis", () => {
    const c = new SyncController();
    expect(c.decide({ position: 10.05, paused: false, rate: 1 }, playing(10), 0).kind).toBe("rate");
    // 5 ms: inside the dead band, but still correcting (hysteresis) …
    expect(c.decide({ position: 10.005, paused: false, rate: 1 }, playing(10, 1.064), 0)).toEqual({ kind: "rate", rate: 1.0064 });
    // … 2 ms: back to exactly 1.0, and left alone until past 10 ms again.
    expect(c.decide({ position: 10.002, paused: false, rate: 1 }, playing(10, 1.0064), 0)).toEqual({ kind: "rate", rate: 1 });
    expect(c.decide({ position: 10.006, paused: false, rate: 1 }, playing(10, 1), 0)).toEqual({ kind: "none" });
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
    expect(c.learnedSeekLatencyMs()).toBeCloseTo(0.7 * SEEK_LATENCY.initialMs + 0.3 * 280);
    const d = c.decide({ position: 40, paused: false, rate: 1 }, playing(10), 5000);
    expect(d).toEqual({ kind: "seek", to: 40 + c.learnedSeekLatencyMs() / 1000 });
  });

  test("pause follows the host to its pause point; play resumes", () => {
    const c = new SyncController();
    expect(c.decide({ position: 30, paused: true, rate: 1 }, playing(29.98), 0)).toEqual({ kind: "pause", at: 30 });
    expect(c.decide({ position: 30, paused: true, rate: 1 }, { position: 29.5, paused: true, rate: 1 }, 0)).toEqual({ kind: "seek", to: 30 });
    expect(c.decide({ position: 30, paused: true, rate: 1 }, { position: 30, paused: true, rate: 1 }, 0)).toEqual({ kind: "none" });
    expect(c.decide({ position: 30, paused: false, rate: 1 }, { position: 30, paused: true, rate: 1 }, 0)).toEqual({ kind: "play" });
    // Paused 100 ms off a playing host: start from where it will be, not from where we stand.
    expect(c.decide({ position: 30.1, paused: false, rate: 1 }, { position: 30, paused: true, rate: 1, buffered: [[0, 60]] }, 0))
      .toEqual({ kind: "play", at: 30.1 + SEEK_LATENCY.bufferedInitialMs / 1000 });
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
    expect(Math.abs(10 + 10.25 - member) * 1000).toBeLessThan(5);
  });

  test("a host still finishing its seek: aim where it will be when our seek lands", () => {
    // The host said at its seek's start: at 60 s, moving again in 50 ms. Our seeks take 80 ms,
    // so ours lands 30 ms after the host moves on.
    const c = new SyncController();
    expect(c.decide({ position: 60, paused: false, rate: 1, holdMs: 50 }, playing(10), 0)).toEqual({ kind: "seek", to: 60.03 });
    // Holding longer than our seek takes: land exactly on the host's position.
    const d = new SyncController();
    expect(d.decide({ position: 60, paused: false, rate: 1, holdMs: 200 }, playing(10), 0)).toEqual({ kind: "seek", to: 60 });
  });

  test("a seek inside the buffer is aimed with the buffered seek latency", () => {
    const c = new SyncController();
    const inBuffer = { position: 10, paused: false, rate: 1, buffered: [[0, 30]] as const };
    expect(c.decide({ position: 20, paused: false, rate: 1 }, inBuffer, 0)).toEqual({ kind: "seek", to: 20 + SEEK_LATENCY.bufferedInitialMs / 1000 });
    c.seekCompleted(4); // 4 ms: learned for buffered seeks only
    expect(c.learnedSeekLatencyMs(true)).toBeCloseTo(0.7 * SEEK_LATENCY.bufferedInitialMs + 0.3 * 4);
    expect(c.learnedSeekLatencyMs()).toBe(SEEK_LATENCY.initialMs);
  });

  test("a provisional target (the host still seeking): follow its jumps at once, correct nothing else", () => {
    const c = new SyncController();
    expect(c.decide({ position: 60, paused: false, rate: 1, provisional: true }, playing(10), 0).kind).toBe("seek");
    c.seekCompleted(100);
    // Another jump of the host's within 3 s: followed at once, no 3 s spacing for the host's own jumps.
    expect(c.decide({ position: 90, paused: false, rate: 1, provisional: true }, playing(60.2), 500).kind).toBe("seek");
    c.seekCompleted(600);
    // 50 ms behind a target that is not final yet: leave it …
    expect(c.decide({ position: 90.05, paused: false, rate: 1, provisional: true }, playing(90), 700)).toEqual({ kind: "none" });
    // … ahead of a host still seeking: wait for it …
    expect(c.decide({ position: 90, paused: false, rate: 1, provisional: true }, playing(90.02), 750)).toEqual({ kind: "hold" });
    expect(c.decide({ position: 90, paused: false, rate: 1, provisional: true }, { position: 90.02, paused: true, rate: 1 }, 760)).toEqual({ kind: "none" });
    // … and once the host confirms where it is, correct (here: the one corrective seek).
    expect(c.decide({ position: 90.05, paused: false, rate: 1 }, playing(90), 800).kind).toBe("seek");
  });

  test("a small jump of the host's is jumped too, not crawled with the rate", () => {
    const c = new SyncController();
    expect(c.decide({ position: 9.5, paused: false, rate: 1, provisional: true, holdMs: 100 }, playing(10), 0)).toEqual({ kind: "seek", to: 9.5 });
    // Within 3 s of that seek, a provisional 60 ms gap is waited out instead of seeking again.
    expect(c.decide({ position: 9.5, paused: false, rate: 1, provisional: true }, playing(9.56), 100)).toEqual({ kind: "hold" });
  });

  test("while our own seek is under way the standing position is not corrected", () => {
    const c = new SyncController();
    expect(c.decide({ position: 60, paused: false, rate: 1 }, playing(10), 0).kind).toBe("seek");
    // Mid-seek the video reads its target and does not move: no rate change against that.
    expect(c.decide({ position: 60.1, paused: false, rate: 1 }, { position: 60.08, paused: false, rate: 1, seeking: true }, 50)).toEqual({ kind: "none" });
    // A pause from the host still goes through.
    expect(c.decide({ position: 60.1, paused: true, rate: 1 }, { position: 60.08, paused: false, rate: 1, seeking: true }, 60).kind).toBe("pause");
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

describe("seek latency", () => {
  test("learns from timed seeks only, smoothed and bounded", () => {
    const l = new SeekLatency();
    expect(l.completed(100)).toBe(false); // a seek nobody timed
    expect(l.ms()).toBe(SEEK_LATENCY.initialMs);
    l.started(1000);
    expect(l.pendingForMs(1040)).toBe(40);
    expect(l.completed(1200)).toBe(true);
    expect(l.ms()).toBeCloseTo(0.7 * SEEK_LATENCY.initialMs + 0.3 * 200);
    l.started(2000);
    l.completed(60_000); // a minute-long stall
    expect(l.ms()).toBe(SEEK_LATENCY.maxMs);
    // Seeks inside the buffer are learned apart.
    expect(l.ms(true)).toBe(SEEK_LATENCY.bufferedInitialMs);
    l.started(70_000, true);
    l.completed(70_002);
    expect(l.ms(true)).toBeCloseTo(0.7 * SEEK_LATENCY.bufferedInitialMs + 0.3 * 2);
    expect(l.ms()).toBe(SEEK_LATENCY.maxMs);
  });

  test.each([
    [[], 5, false],
    [[[0, 10]], 5, true],
    [[[0, 10], [50, 70]], 60, true],
    [[[0, 10], [50, 70]], 30, false],
  ] as const)("isBuffered(%j, %d) = %s", (ranges, position, expected) => {
    expect(isBuffered(ranges, position)).toBe(expected);
  });

  test.each([
    ["host playing, holding 40 ms more", state({ host_time: 1040 }), 1000, 0, 40],
    ["host playing, already moving", state({ host_time: 900 }), 1000, 0, 0],
    ["the host's clock 30 ms ahead", state({ host_time: 1040 }), 1000, 30, 10],
    ["paused: nothing to wait for", state({ paused: true, host_time: 5000 }), 1000, 0, 0],
  ])("hold time: %s", (_name, s, now, offset, expected) => {
    expect(holdMs(s, now, offset)).toBeCloseTo(expected, 9);
  });
});
