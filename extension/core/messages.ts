/**
 * The one protocol between the content scripts, the popup and the background. Names
 * say the direction and the verb (`content/join-room`, `bg/playback`). The receiver
 * parses with these schemas and drops what does not parse. zod/mini keeps the content
 * script small.
 */
import * as z from "zod/mini";
import { HostPlaybackState } from "./playback-state.ts";

export const MemberStatus = z.enum(["in_sync", "behind", "ahead", "buffering", "away", "unknown"]);
export type MemberStatus = z.infer<typeof MemberStatus>;

export const MediaInfo = z.object({
  anime_id: z.string(),
  anime_title: z.optional(z.string()),
  episode_number: z.optional(z.number()),
  video_url: z.optional(z.string()),
});

export const MemberView = z.object({
  user_id: z.string(),
  username: z.string(),
  role: z.enum(["host", "member"]),
  status: MemberStatus,
  offset_ms: z.optional(z.number()),
  online: z.boolean(),
  avatar_url: z.optional(z.string()),
});
export type MemberView = z.infer<typeof MemberView>;

/** What the UI shows about the tab's room. */
export const SessionView = z.object({
  room_id: z.string(),
  title: z.string(),
  is_public: z.boolean(),
  /** Only for the host of a private room. */
  access_key: z.optional(z.string()),
  role: z.enum(["host", "member"]),
  user_id: z.string(),
  host_user_id: z.string(),
  host_term: z.number(),
  invite_link: z.string(),
  /** The page the room's video is on (the host's). */
  page_url: z.string(),
  members: z.array(MemberView),
  connection: z.enum(["connecting", "online", "reconnecting", "offline"]),
  notice: z.optional(z.string()),
  /** Set when the host moved to another video: where to follow them. */
  follow_url: z.optional(z.string()),
});
export type SessionView = z.infer<typeof SessionView>;

export const CommentView = z.object({
  id: z.string(),
  parent_id: z.nullable(z.string()),
  is_anchor: z.boolean(),
  created_at: z.string(),
  user_id: z.string(),
  username: z.string(),
  message: z.string(),
  video_timestamp: z.number(),
  anime_id: z.string(),
  episode_number: z.number(),
  reactions: z.optional(z.record(z.string(), z.number())),
});
export type CommentView = z.infer<typeof CommentView>;

export const ApiFailure = z.object({ code: z.string(), message: z.string(), retry_after: z.optional(z.number()) });
export type ApiFailure = z.infer<typeof ApiFailure>;

export const SessionResult = z.union([
  z.object({ ok: z.literal(true), session: SessionView }),
  z.object({ ok: z.literal(false), error: ApiFailure }),
]);
export type SessionResult = z.infer<typeof SessionResult>;

export const PlaybackAction = z.enum(["play", "pause", "seek", "rate"]);

// ---- content (or popup) → background: asks -----------------------------------------

export const CreateRoom = z.object({
  type: z.literal("content/create-room"),
  title: z.string(),
  is_public: z.boolean(),
  username: z.string(),
  page_url: z.string(),
  media: MediaInfo,
});
export const JoinRoom = z.object({
  type: z.literal("content/join-room"),
  room_id: z.string(),
  username: z.string(),
  access_key: z.optional(z.string()),
  page_url: z.string(),
});
export const LeaveRoom = z.object({ type: z.literal("content/leave-room") });
/** The host ends the room for everyone. */
export const EndRoom = z.object({ type: z.literal("content/end-room") });
export const GetSession = z.object({ type: z.literal("content/get-session") });

// ---- content → background: tells ------------------------------------------------------

export const PostComment = z.object({
  type: z.literal("content/post-comment"),
  message: z.string(),
  video_timestamp: z.number(),
  parent_id: z.optional(z.string()),
  /** The host starts the episode's pinned thread. */
  is_anchor: z.optional(z.boolean()),
});
/** Toggles one of our reactions on a comment. */
export const ReactToComment = z.object({ type: z.literal("content/react"), comment_id: z.string(), emoji: z.string() });
/** Asks for the page of comments before the oldest one shown. */
export const LoadOlderComments = z.object({ type: z.literal("content/load-older-comments") });

export const VideoFound = z.object({ type: z.literal("content/video-found"), has_video: z.boolean() });
export const HostState = z.object({
  type: z.literal("content/host-state"),
  paused: z.boolean(),
  position: z.number(),
  rate: z.number(),
  host_time: z.number(),
  /** The host's video is still seeking to `position` (see HostPlaybackState.seeking). */
  seeking: z.optional(z.boolean()),
  /** A real change (play, pause, seek, rate) rather than a heartbeat. */
  changed: z.boolean(),
  action: z.optional(PlaybackAction),
});
export const RequestPlayback = z.object({
  type: z.literal("content/playback-request"),
  action: PlaybackAction,
  position: z.number(),
  rate: z.number(),
});
export const ReportStatus = z.object({
  type: z.literal("content/status"),
  status: MemberStatus,
  offset_ms: z.number(),
});
/** The host's page now plays something else (another episode, another URL). */
export const MediaChanged = z.object({
  type: z.literal("content/media-changed"),
  page_url: z.string(),
  media: MediaInfo,
});
export const ReportBuffering = z.object({
  type: z.literal("content/buffering"),
  buffering: z.boolean(),
});

export type HostStateMessage = z.infer<typeof HostState>;
export type PlaybackRequestMessage = z.infer<typeof RequestPlayback>;
export type BufferingMessage = z.infer<typeof ReportBuffering>;

export const ToBackground = z.discriminatedUnion("type", [
  CreateRoom, JoinRoom, LeaveRoom, EndRoom, GetSession, VideoFound, HostState, RequestPlayback, ReportStatus, ReportBuffering,
  MediaChanged, PostComment, LoadOlderComments, ReactToComment,
]);
export type ToBackground = z.infer<typeof ToBackground>;

// ---- background → content: tells -----------------------------------------------------

export const SessionChanged = z.object({
  type: z.literal("bg/session"),
  session: z.nullable(SessionView),
  /** Why the tab is no longer in a room, when it did not leave by itself. */
  ended: z.optional(z.string()),
});
export const PlaybackUpdate = z.object({
  type: z.literal("bg/playback"),
  state: HostPlaybackState,
  /** host clock − our clock, ms. */
  offset_ms: z.number(),
});
export const ApplyRequest = z.object({
  type: z.literal("bg/apply-request"),
  from: z.string(),
  action: PlaybackAction,
  position: z.number(),
  rate: z.number(),
});
export const MemberBuffering = z.object({
  type: z.literal("bg/member-buffering"),
  user_id: z.string(),
  buffering: z.boolean(),
});

/** Comments of the current episode: a fresh first page (reset) or more (live, older pages). */
export const CommentsUpdate = z.object({
  type: z.literal("bg/comments"),
  comments: z.array(CommentView),
  reset: z.boolean(),
  has_older: z.optional(z.boolean()),
});

/** A comment's reaction counts changed (ours, or live from the room). */
export const ReactionsUpdate = z.object({
  type: z.literal("bg/reactions"),
  comment_id: z.string(),
  reactions: z.record(z.string(), z.number()),
  /** Set for our own toggle: whether we now have that reaction. */
  mine: z.optional(z.object({ emoji: z.string(), reacted: z.boolean() })),
});

/** The background asks the top frame which show and episode the page plays (for the popup). */
export const DescribeMedia = z.object({ type: z.literal("bg/describe-media") });

export const ToContent = z.discriminatedUnion("type", [SessionChanged, PlaybackUpdate, ApplyRequest, MemberBuffering, CommentsUpdate, ReactionsUpdate, DescribeMedia]);
export type ToContent = z.infer<typeof ToContent>;
