/**
 * Events members send each other on the room channel (room:<room_id>) and the presence
 * meta; database events (comment_created, …) are in docs/WEBSOCKET_EVENTS.md. Every
 * receiver parses with these and ignores what does not parse.
 */
import * as z from "zod/mini";
import { MemberStatus, PlaybackAction } from "./messages.ts";

export const PlaybackRequestEvent = z.object({
  from: z.string(),
  action: PlaybackAction,
  position: z.number(),
  rate: z.number(),
});

/** Members measure their clock against the host's: ping → pong. */
export const ClockPing = z.object({ id: z.string(), from: z.string(), t0: z.number() });
export const ClockPong = z.object({ id: z.string(), to: z.string(), t0: z.number(), peer: z.number() });

export const BufferingEvent = z.object({ user_id: z.string(), buffering: z.boolean() });

/** Presence meta; it changes only when the member's status changes (Supabase allows 5 updates per 30 s). */
export const PresenceMeta = z.object({
  user_id: z.string(),
  username: z.string(),
  status: MemberStatus,
  /** The error (ms, + behind) the member had when its status changed. */
  offset_ms: z.optional(z.number()),
});
export type PresenceMeta = z.infer<typeof PresenceMeta>;

export const HostChangedEvent = z.object({
  host_user_id: z.string(),
  host_term: z.number(),
  playback_channel: z.string(),
});
export const MemberJoinedEvent = z.object({
  member: z.object({ user_id: z.string(), username: z.string(), role: z.enum(["host", "member"]) }),
});
export const RoomUpdatedEvent = z.object({
  room: z.object({
    anime_id: z.string(),
    anime_title: z.string(),
    episode_number: z.number(),
    video_url: z.string(),
    title: z.string(),
  }),
});
export const MemberLeftEvent = z.object({ user_id: z.string(), username: z.string() });
