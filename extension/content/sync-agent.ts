/**
 * Keeps one <video> in step with the room. As host it reports what the person does
 * (and a heartbeat); as a member it follows the host's state with the correction
 * ladder, reports its status and buffering, and turns the person's own play, pause
 * and seek into requests to the host.
 */
import { BufferingCoordinator } from "../core/buffering-coordinator.ts";
import type { HostStateMessage, MemberStatus, ToBackground } from "../core/messages.ts";
import { expectedPosition, holdMs, type HostPlaybackState } from "../core/playback-state.ts";
import { HostHeartbeat } from "../core/host-heartbeat.ts";
import { SeekDebounce } from "../core/seek-debounce.ts";
import { isBuffered, SeekLatency } from "../core/seek-latency.ts";
import { SyncController } from "../core/sync-controller.ts";
import { type UserAction, VideoAdapter } from "./video-adapter.ts";

const TICK_MS = 100;
/** After asking the host for a play/pause/seek, this long without pulling the video back. */
const REQUEST_GRACE_MS = 1500;
const BUFFER_REPORT_MS = 1000;

type Role = "host" | "member" | "off";
type Send = (message: ToBackground) => void;

export class SyncAgent {
  private role: Role = "off";
  private readonly adapter: VideoAdapter;
  private controller = new SyncController();
  private readonly heartbeat = new HostHeartbeat();
  private readonly seeks = new SeekDebounce();
  /** How long the host's own seeks take, to tell members when it will be playing again. */
  private readonly hostSeeks = new SeekLatency();
  private readonly buffering = new BufferingCoordinator();
  private target: { state: HostPlaybackState; offsetMs: number } | null = null;
  private waitingSince: number | null = null;
  private reportedBuffering = false;
  private status: MemberStatus = "unknown";
  /** When (wall clock) the person last asked the host for something, until the host answers. */
  private requestedAt: number | null = null;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(video: HTMLVideoElement, private readonly send: Send) {
    this.adapter = new VideoAdapter(video, (a) => this.onUserAction(a), (e, ours) => this.onVideoEvent(e, ours));
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  get video(): HTMLVideoElement {
    return this.adapter.video;
  }

  setRole(role: Role): void {
    if (role === this.role) return;
    this.role = role;
    this.controller = new SyncController();
    this.buffering.cancel();
    if (role === "host") {
      this.adapter.setRate(Math.max(0.0625, this.target?.state.rate ?? this.video.playbackRate));
      this.publish(true, "seek"); // a new host announces where it is
    }
  }

  /** A member got the host's latest state: act on it at once, not at the next tick. */
  follow(state: HostPlaybackState, offsetMs: number): void {
    this.target = { state, offsetMs };
    // A state the host sent after our request (in our clock) is its answer: follow it.
    if (this.requestedAt !== null && state.host_time - offsetMs > this.requestedAt) this.requestedAt = null;
    if (this.role === "member") this.correct();
  }

  /** The host applies a member's request as if its own person had done it. */
  applyRequest(action: UserAction, position: number, rate: number): void {
    if (this.role !== "host") return;
    if (action === "play") this.adapter.play();
    if (action === "pause") this.adapter.pause();
    if (action === "rate") this.adapter.setRate(rate);
    this.buffering.cancel();
    // A seek is announced by its own `seeking` and `seeked` events, like the person's.
    if (action === "seek") this.adapter.seek(position);
    else this.publish(true, action);
  }

  memberBuffering(userId: string, isBuffering: boolean): void {
    if (this.role !== "host") return;
    const now = performance.now();
    const decision = isBuffering ? this.buffering.buffering(userId, !this.video.paused, now) : this.buffering.ready(userId);
    this.applyBufferingDecision(decision.kind);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.adapter.dispose();
  }

  private onUserAction(action: UserAction): void {
    if (this.role === "host") {
      this.buffering.cancel();
      if (action !== "seek") this.publish(true, action); // seeks: see onVideoEvent
    } else if (this.role === "member") {
      // Leave the person's choice on screen while the host takes it up (no bounce back).
      this.requestedAt = wallClock();
      const r = this.adapter.read();
      this.send({ type: "content/playback-request", action, position: r.position, rate: r.rate });
    }
  }

  private onVideoEvent(type: string, ours: boolean): void {
    const now = performance.now();
    if (this.role === "host" && (type === "seeking" || type === "seeked")) this.hostSeekEvent(type, now);
    // The person is seeking: leave it to them (a correction now would cut their seek short).
    if (type === "seeking" && !ours && this.role === "member") this.requestedAt = wallClock();
    // Our own seek landed: judge at once (a seeking host's members wait where they land).
    // The controller's times are wall-clock ms, like the host_time it compares against.
    if (type === "seeked" && ours && this.role === "member" && this.controller.seekCompleted(wallClock())) this.correct();
    if (type === "waiting") this.waitingSince ??= now;
    if ((type === "playing" || type === "canplay") && this.video.readyState >= 3) {
      this.waitingSince = null;
      if (this.reportedBuffering) {
        this.reportedBuffering = false;
        this.send({ type: "content/buffering", buffering: false });
      }
    }
  }

  /**
   * The host's seeks, whoever asked for them. When a seek starts, members hear at once
   * where it goes and when the host expects to play from there (host_time in the future,
   * `seeking` set), so their seeks run alongside the host's instead of after it and they
   * hold there until the host plays on. When it lands they get the real state. A burst of
   * seeks sends its first and, after 300 ms of quiet, its last (SeekDebounce).
   */
  private hostSeekEvent(type: "seeking" | "seeked", now: number): void {
    if (type === "seeking") {
      const inBuffer = isBuffered(this.adapter.buffered(), this.video.currentTime);
      this.hostSeeks.started(now, inBuffer);
      if (this.seeks.quiet(now)) this.publish(false, undefined, this.video.paused ? 0 : this.hostSeeks.ms(inBuffer));
      return;
    }
    this.hostSeeks.completed(now);
    if (this.seeks.seeked(now)) this.publish(true, "seek");
  }

  private tick(): void {
    const now = performance.now();
    if (this.role === "host") {
      // A burst of seeks settled: publish where the video is now (it may have played on since).
      if (this.seeks.settled(now)) this.publish(true, "seek");
      else if (this.heartbeat.due(now)) this.publish(false);
      this.applyBufferingDecision(this.buffering.tick(now).kind);
    } else if (this.role === "member") {
      this.correct();
      this.watchBuffering(now);
    }
  }

  private correct(): void {
    if (!this.target) return;
    if (this.requestedAt !== null && wallClock() - this.requestedAt < REQUEST_GRACE_MS) return;
    const { state, offsetMs } = this.target;
    const now = wallClock();
    const target = { position: expectedPosition(state, now, offsetMs), paused: state.paused, rate: state.rate, holdMs: holdMs(state, now, offsetMs), provisional: state.seeking === true };
    const reading = { ...this.adapter.read(), buffered: this.adapter.buffered() };
    const decision = this.controller.decide(target, reading, now);
    switch (decision.kind) {
      case "play":
        if (decision.at !== undefined) this.adapter.seek(decision.at);
        this.adapter.play();
        break;
      case "pause":
        this.adapter.pause();
        this.adapter.seek(decision.at);
        break;
      case "seek":
        this.adapter.seek(decision.to);
        break;
      case "rate":
        this.adapter.setRate(decision.rate);
        break;
      case "hold":
        this.adapter.pause();
        break;
    }
    this.reportStatus(SyncController.errorMs(target, reading));
  }

  private watchBuffering(now: number): void {
    if (this.waitingSince === null || this.reportedBuffering) return;
    if (this.video.readyState >= 3) {
      this.waitingSince = null;
      return;
    }
    if (now - this.waitingSince >= BUFFER_REPORT_MS && this.target && !this.target.state.paused) {
      this.reportedBuffering = true;
      this.send({ type: "content/buffering", buffering: true });
    }
  }

  private reportStatus(errorMs: number): void {
    // Off by more than a second is worth showing; smaller drifts are corrected quietly.
    const next: MemberStatus = this.reportedBuffering ? "buffering" : errorMs > 1000 ? "behind" : errorMs < -1000 ? "ahead" : "in_sync";
    if (next === this.status) return;
    this.status = next;
    this.send({ type: "content/status", status: next, offset_ms: Math.round(errorMs) });
  }

  private applyBufferingDecision(kind: "none" | "pause" | "resume"): void {
    if (kind === "pause") {
      this.adapter.pause();
      this.publish(true, "pause");
    } else if (kind === "resume") {
      this.adapter.play();
      this.publish(true, "play");
    }
  }

  /**
   * Sends the video's state read now, so position and host_time belong together.
   * While the video is seeking the state says so (members hold at its position until the
   * next one); `startsInMs` is when the seek is expected to land.
   */
  private publish(changed: boolean, action?: HostStateMessage["action"], startsInMs = 0): void {
    const r = this.adapter.read();
    const message: HostStateMessage = {
      type: "content/host-state",
      paused: action === "pause" ? true : action === "play" ? false : r.paused,
      position: r.position,
      rate: r.rate,
      host_time: wallClock() + startsInMs,
      ...(r.seeking ? { seeking: true } : {}),
      changed,
      action,
    };
    if (changed) this.heartbeat.changed(performance.now());
    this.send(message);
  }
}

/** Wall-clock ms with sub-millisecond resolution; the same clock in every context of a browser. */
export function wallClock(): number {
  return performance.timeOrigin + performance.now();
}
