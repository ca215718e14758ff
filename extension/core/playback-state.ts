/**
 * The host's playback state as it travels on the host-only playback topic, and the
 * arithmetic of where the host's video is "now". Pure.
 */
import * as z from "zod/mini";

export const HostPlaybackState = z.object({
  /** The host term (rooms.host_term); a state from an older term is stale. */
  epoch: z.number(),
  /** Increases with every state the host sends in a term. */
  seq: z.number(),
  /** Which video: `<anime_id>:<episode_number>` of the room. */
  media_key: z.string(),
  paused: z.boolean(),
  /** Seconds, read at host_time. */
  position: z.number(),
  rate: z.number(),
  /** The host's wall clock (ms) when position was read. */
  host_time: z.number(),
  /**
   * The host's video is seeking: `position` is where it goes and it stands there until
   * the next state. Sent as the seek starts, with `host_time` when the host expects to
   * land (in the future), so members can aim their own seek.
   */
  seeking: z.optional(z.boolean()),
});
export type HostPlaybackState = z.infer<typeof HostPlaybackState>;

/** Where the host's video is at our time `nowMs`, given the clock offset (host − us). */
export function expectedPosition(state: HostPlaybackState, nowMs: number, offsetMs: number): number {
  // A seeking host stands at its seek's target until it says it plays on.
  if (state.paused || state.seeking) return state.position;
  const hostNow = nowMs + offsetMs;
  return state.position + (state.rate * Math.max(0, hostNow - state.host_time)) / 1000;
}

/** How much longer the host holds `state.position` before moving (a state sent as its seek started). */
export function holdMs(state: HostPlaybackState, nowMs: number, offsetMs: number): number {
  return state.paused ? 0 : Math.max(0, state.host_time - (nowMs + offsetMs));
}

/** Whether `next` should replace `current` (same term, newer sequence; or a newer term). */
export function isNewer(next: HostPlaybackState, current: HostPlaybackState | null): boolean {
  if (!current) return true;
  if (next.epoch !== current.epoch) return next.epoch > current.epoch;
  return next.seq > current.seq;
}
