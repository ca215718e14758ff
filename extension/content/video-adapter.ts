/**
 * Drives a <video> for the sync engine and tells apart what the person did from what
 * we did. Every programmatic action first records the events it will cause; an event
 * that was expected is swallowed, anything else is a user action (echo suppression).
 * Seeks are told apart by where they land instead: one may take many seconds on a slow
 * connection, and seeks started while one runs end in a single `seeked`.
 */

export type UserAction = "play" | "pause" | "seek" | "rate";

const EXPECT_MS = 1500;
/** A `seeked` this close to where we last sent the video is ours. */
const SEEK_MATCH_S = 0.25;
const EVENTS: Record<string, UserAction> = { play: "play", pause: "pause", seeked: "seek", ratechange: "rate" };

export class VideoAdapter {
  private expected = new Map<string, number[]>();
  /** Where our last seek went, until a `seeked` comes. */
  private ourSeekTo: number | null = null;
  private readonly abort = new AbortController();

  constructor(
    readonly video: HTMLVideoElement,
    private readonly onUserAction: (action: UserAction) => void,
    /** Every event, after it was told apart: `ours` when we caused it. */
    private readonly onEvent: (type: string, ours: boolean) => void = () => {},
  ) {
    for (const type of [...Object.keys(EVENTS), "waiting", "playing", "canplay", "seeking"]) {
      video.addEventListener(type, () => this.handle(type), { signal: this.abort.signal });
    }
  }

  read(): { position: number; paused: boolean; rate: number; readyState: number; seeking: boolean } {
    const v = this.video;
    return { position: v.currentTime, paused: v.paused, rate: v.playbackRate, readyState: v.readyState, seeking: v.seeking };
  }

  /** The time ranges the player holds data for. */
  buffered(): Array<[number, number]> {
    const b = this.video.buffered;
    return Array.from({ length: b.length }, (_, i) => [b.start(i), b.end(i)] as [number, number]);
  }

  play(): void {
    if (!this.video.paused) return;
    this.expect("play");
    this.video.play().catch(() => {
      // Autoplay refused (no user gesture on this page yet): the person must press play once.
      this.unexpect("play");
    });
  }

  pause(): void {
    if (this.video.paused) return;
    this.expect("pause");
    this.video.pause();
  }

  seek(to: number): void {
    this.ourSeekTo = to;
    this.video.currentTime = to;
  }

  setRate(rate: number): void {
    if (this.video.playbackRate === rate) return;
    this.expect("ratechange");
    this.video.preservesPitch = true;
    this.video.playbackRate = rate;
  }

  dispose(): void {
    this.abort.abort();
  }

  private handle(type: string): void {
    const action = EVENTS[type];
    const ours =
      type === "seeked" ? this.landedWhereWeSent(true) :
      type === "seeking" ? this.landedWhereWeSent(false) :
      action !== undefined && this.consume(type);
    this.onEvent(type, ours);
    if (action && !ours) this.onUserAction(action);
  }

  /** Whether the video stands where our last seek sent it; `done`: that seek is over. */
  private landedWhereWeSent(done: boolean): boolean {
    const to = this.ourSeekTo;
    if (done) this.ourSeekTo = null;
    if (to === null) return false;
    const duration = Number.isFinite(this.video.duration) ? this.video.duration : Infinity;
    return Math.abs(this.video.currentTime - Math.min(Math.max(0, to), duration)) < SEEK_MATCH_S;
  }

  private expect(type: string): void {
    const list = this.expected.get(type) ?? [];
    list.push(performance.now());
    this.expected.set(type, list);
  }

  private unexpect(type: string): void {
    this.expected.get(type)?.pop();
  }

  private consume(type: string): boolean {
    const now = performance.now();
    const list = (this.expected.get(type) ?? []).filter((t) => now - t < EXPECT_MS);
    const hit = list.length > 0;
    if (hit) list.shift();
    this.expected.set(type, list);
    return hit;
  }
}
