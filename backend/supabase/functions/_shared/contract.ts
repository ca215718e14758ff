/**
 * The HTTP contract of Watchium's edge functions: every request body and every answer.
 * The functions validate with these schemas and the extension's API client imports the
 * same module, so the two cannot drift apart. Field names are snake_case, as in the seed.
 */
import { z } from "zod";

/** Longest accepted text values; the database enforces the same limits. */
export const LIMITS = {
  title: 100,
  username: 40,
  message: 2000,
  contentId: 200,
  contentTitle: 200,
  url: 2048,
  clientId: 64,
  pageSize: 100,
  bodyBytes: 64 * 1024,
} as const;

export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{10}$/;
export const ACCESS_KEY_PATTERN = /^[0-9]{6}$/;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalUrl = z.string().trim().max(LIMITS.url).refine(
  (s) => s === "" || /^https?:\/\//i.test(s) || /^data:image\//i.test(s),
  "must be an http(s) URL",
);
const roomId = z.string().regex(ROOM_ID_PATTERN, "must be a 10-character room ID");
const episode = z.number().int().min(0).max(100000);
const seconds = z.number().finite().min(0).max(7 * 24 * 3600);
/** Some clients still send their user id; it must match the signed-in user. */
const claimedUserId = z.string().max(64).optional();

export const RoomsCreateRequest = z.strictObject({
  title: text(LIMITS.title),
  anime_id: text(LIMITS.contentId),
  anime_title: z.string().trim().max(LIMITS.contentTitle).optional(),
  episode_number: episode.optional(),
  video_url: optionalUrl.optional(),
  host_username: text(LIMITS.username),
  avatar_url: optionalUrl.optional(),
  is_public: z.boolean(),
  host_user_id: claimedUserId,
});

export const RoomsJoinRequest = z.strictObject({
  room_id: roomId,
  username: text(LIMITS.username),
  avatar_url: optionalUrl.optional(),
  access_key: z.string().regex(ACCESS_KEY_PATTERN, "must be 6 digits").optional(),
  user_id: claimedUserId,
});

export const RoomRef = z.strictObject({ room_id: roomId, user_id: claimedUserId });
export const RoomsLeaveRequest = RoomRef;
export const RoomsDeleteRequest = RoomRef;
export const SyncGetHostTimeRequest = RoomRef;
export const MembersGetListRequest = RoomRef;

export const RoomsListPublicRequest = z.strictObject({
  anime_id: text(LIMITS.contentId).optional(),
  user_id: claimedUserId,
  limit: z.number().int().min(1).max(LIMITS.pageSize).optional(),
  offset: z.number().int().min(0).max(10000).optional(),
});

export const PlaybackAction = z.enum(["play", "pause", "seek", "rate"]);
export const SyncControlRequest = z.strictObject({
  room_id: roomId,
  action: PlaybackAction,
  current_time: seconds,
  playback_rate: z.number().finite().min(0.0625).max(16).optional(),
  /** The host moved to another episode or video; members are told with room_updated. */
  media: z.strictObject({
    anime_id: text(LIMITS.contentId),
    anime_title: z.string().trim().max(LIMITS.contentTitle).optional(),
    episode_number: episode,
    video_url: optionalUrl.optional(),
  }).optional(),
  user_id: claimedUserId,
}).refine((r) => r.action !== "rate" || r.playback_rate !== undefined, {
  message: "playback_rate is required when action is rate",
  path: ["playback_rate"],
});

export const CommentsCreateRequest = z.strictObject({
  room_id: roomId,
  anime_id: text(LIMITS.contentId),
  episode_number: episode,
  message: text(LIMITS.message),
  video_timestamp: seconds,
  parent_id: z.uuid().optional(),
  is_anchor: z.boolean().optional(),
  client_id: text(LIMITS.clientId).optional(),
  user_id: claimedUserId,
  username: z.string().optional(), // ignored: the member's name in the room is used
}).refine((c) => !(c.is_anchor && c.parent_id), {
  message: "an anchor comment cannot be a reply",
  path: ["is_anchor"],
});

/** Keyset cursor: comments strictly older than this one. */
export const CommentCursor = z.strictObject({ created_at: z.iso.datetime({ offset: true }), id: z.uuid() });

export const CommentsGetByEpisodeRequest = z.strictObject({
  room_id: roomId,
  anime_id: text(LIMITS.contentId),
  episode_number: episode,
  limit: z.number().int().min(1).max(LIMITS.pageSize).optional(),
  before: CommentCursor.optional(),
  user_id: claimedUserId,
});

export const CommentsGetHistoryRequest = z.strictObject({
  room_id: roomId,
  limit: z.number().int().min(1).max(LIMITS.pageSize).optional(),
  user_id: claimedUserId,
});

export const REACTIONS = ["👍", "😂", "😮", "😢", "❤️", "🔥"] as const;
export const CommentsReactRequest = z.strictObject({
  room_id: roomId,
  comment_id: z.uuid(),
  emoji: z.enum(REACTIONS),
  user_id: claimedUserId,
});

export const SyncStatus = z.enum(["unknown", "in_sync", "behind", "ahead", "buffering", "away"]);
export const MembersUpdateStatusRequest = z.strictObject({
  room_id: roomId,
  username: text(LIMITS.username).optional(),
  avatar_url: optionalUrl.optional(),
  sync_status: SyncStatus.optional(),
  is_synced: z.boolean().optional(),
  sync_offset_ms: z.number().int().min(-86400000).max(86400000).optional(),
  user_id: claimedUserId,
});

// ---- answers -------------------------------------------------------------------

export const Room = z.object({
  room_id: z.string(),
  title: z.string(),
  anime_id: z.string(),
  anime_title: z.string(),
  episode_number: z.number(),
  video_url: z.string(),
  host_user_id: z.string(),
  host_term: z.number(),
  is_public: z.boolean(),
  is_playing: z.boolean(),
  current_playback_time: z.number(),
  playback_rate: z.number(),
  state_seq: z.number(),
  state_updated_at: z.string(),
  member_count: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
  last_activity: z.string(),
});

export const Member = z.object({
  room_id: z.string(),
  user_id: z.string(),
  username: z.string(),
  avatar_url: z.string(),
  role: z.enum(["host", "member"]),
  joined_at: z.string(),
  last_heartbeat: z.string(),
  is_synced: z.boolean(),
  sync_status: SyncStatus,
  sync_offset_ms: z.number(),
});

export const Comment = z.object({
  id: z.string(),
  room_id: z.string(),
  anime_id: z.string(),
  episode_number: z.number(),
  user_id: z.string(),
  username: z.string(),
  avatar_url: z.string(),
  message: z.string(),
  video_timestamp: z.number(),
  parent_id: z.string().nullable(),
  is_anchor: z.boolean(),
  client_id: z.string().nullable(),
  created_at: z.string(),
  /** Reaction counts by emoji (when read with comments-get-by-episode or reaction_changed). */
  reactions: z.record(z.string(), z.number()).optional(),
});

export const PlaybackState = z.object({
  is_playing: z.boolean(),
  current_playback_time: z.number(),
  playback_rate: z.number(),
  state_seq: z.number(),
  updated_at: z.string(),
});

export const RoomChannels = z.object({ realtime_channel: z.string(), playback_channel: z.string() });

export const RoomsCreateResponse = RoomChannels.extend({
  room: Room.extend({ access_key: z.string().optional() }),
  member: Member,
});
export const RoomsJoinResponse = RoomChannels.extend({ room: Room, member: Member, members: z.array(Member) });
export const RoomsLeaveResponse = z.object({
  left: z.literal(true),
  room_deleted: z.boolean(),
  host_user_id: z.string().nullable(),
  host_term: z.number().nullable(),
});
export const RoomsDeleteResponse = z.object({ deleted: z.literal(true), room_id: z.string() });
export const PublicRoom = Room.pick({
  room_id: true, title: true, anime_id: true, anime_title: true, episode_number: true,
  is_playing: true, member_count: true, created_at: true, last_activity: true,
});
export const RoomsListPublicResponse = z.object({ rooms: z.array(PublicRoom), total: z.number() });
export const SyncControlResponse = z.object({ state: PlaybackState, host_term: z.number(), room: Room });
export const SyncGetHostTimeResponse = z.object({
  state: PlaybackState,
  host_user_id: z.string(),
  host_term: z.number(),
  server_time: z.string(),
  /** Where the host's video should be at server_time, extrapolated from the last state. */
  expected_position: z.number(),
});
export const CommentsCreateResponse = z.object({ comment: Comment, duplicate: z.boolean() });
export const CommentsGetByEpisodeResponse = z.object({
  anchor: Comment.nullable(),
  comments: z.array(Comment),
  next_cursor: CommentCursor.nullable(),
});
export const CommentsReactResponse = z.object({
  comment_id: z.string(),
  emoji: z.string(),
  reacted: z.boolean(),
  reactions: z.record(z.string(), z.number()),
});
export const EpisodeActivity = z.object({
  anime_id: z.string(),
  episode_number: z.number(),
  comment_count: z.number(),
  last_comment_at: z.string(),
});
export const CommentsGetHistoryResponse = z.object({
  episodes: z.array(EpisodeActivity),
  recent: z.array(Comment),
});
export const MembersGetListResponse = z.object({ members: z.array(Member), host_user_id: z.string() });
export const MembersUpdateStatusResponse = z.object({ member: Member, written: z.boolean() });
export const HealthResponse = z.object({
  status: z.literal("ok"),
  database: z.literal("ok"),
  time: z.string(),
  counts: z.object({ rooms: z.number(), members: z.number(), comments: z.number() }).optional(),
});

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), retry_after: z.number().optional() }),
});

/** Topic names on Supabase Realtime (without the "realtime:" prefix supabase-js adds). */
export function roomTopic(roomId: string): string {
  return `room:${roomId}`;
}
export function playbackTopic(roomId: string, hostTerm: number): string {
  return `room:${roomId}:playback:${hostTerm}`;
}

export type RoomT = z.infer<typeof Room>;
export type MemberT = z.infer<typeof Member>;
export type CommentT = z.infer<typeof Comment>;
