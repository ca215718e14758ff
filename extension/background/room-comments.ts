/**
 * The current episode's comments for one room session: the first page on join or
 * episode change, older pages on request, new ones live from comment_created, and
 * posting (with a client_id, so a retry never posts twice).
 */
import type { SupabaseClient } from "@supabase/supabase-js";
import type { CommentView, SessionResult, ToContent } from "../core/messages.ts";
import { CommentView as CommentSchema } from "../core/messages.ts";
import { callFunction } from "./api-client.ts";
import { parseWith } from "./parse.ts";

interface Page {
  anchor: CommentView | null;
  comments: CommentView[];
  next_cursor: { created_at: string; id: string } | null;
}

type Refusal = Extract<SessionResult, { ok: false }>;
export type PostResult = { ok: true; comment: CommentView } | Refusal;

export class RoomComments {
  private episode: { anime_id: string; episode_number: number };
  private cursor: Page["next_cursor"] = null;

  constructor(
    private readonly client: SupabaseClient,
    private readonly roomId: string,
    episode: { anime_id: string; episode_number: number },
    private readonly notify: (message: ToContent) => void,
  ) {
    this.episode = episode;
  }

  /** Loads the newest page (on join, and when the room moves to another episode). */
  async loadFirst(episode = this.episode): Promise<void> {
    this.episode = episode;
    this.cursor = null;
    const page = await this.page();
    if (page) this.notify({ type: "bg/comments", comments: withAnchor(page), reset: true, has_older: page.next_cursor !== null });
  }

  async loadOlder(): Promise<void> {
    if (!this.cursor) return;
    const page = await this.page(this.cursor);
    if (page) this.notify({ type: "bg/comments", comments: page.comments, reset: false, has_older: page.next_cursor !== null });
  }

  /** A comment_created event from the room channel. */
  live(payload: unknown): void {
    const comment = parseWith(CommentSchema, (payload as { comment?: unknown } | null)?.comment);
    if (!comment || comment.anime_id !== this.episode.anime_id || comment.episode_number !== this.episode.episode_number) return;
    this.notify({ type: "bg/comments", comments: [comment], reset: false });
  }

  /** Toggles our reaction; a refusal (e.g. too many reactions at once) comes back to show. */
  async react(commentId: string, emoji: string): Promise<{ ok: true } | Refusal> {
    const res = await callFunction<{ reacted: boolean; reactions: Record<string, number> }>(this.client, "comments-react", {
      room_id: this.roomId, comment_id: commentId, emoji,
    });
    if (!res.ok) return { ok: false, error: res.error };
    this.notify({ type: "bg/reactions", comment_id: commentId, reactions: res.data.reactions, mine: { emoji, reacted: res.data.reacted } });
    return { ok: true };
  }

  /** A reaction_changed event from the room channel. */
  liveReactions(payload: unknown): void {
    const p = payload as { comment_id?: unknown; reactions?: unknown } | null;
    if (typeof p?.comment_id !== "string" || typeof p.reactions !== "object" || p.reactions === null) return;
    this.notify({ type: "bg/reactions", comment_id: p.comment_id, reactions: p.reactions as Record<string, number> });
  }

  async post(message: string, videoTimestamp: number, parentId?: string, isAnchor = false): Promise<PostResult> {
    const res = await callFunction<{ comment: CommentView }>(this.client, "comments-create", {
      room_id: this.roomId,
      ...this.episode,
      message,
      video_timestamp: Math.max(0, videoTimestamp),
      client_id: crypto.randomUUID(),
      ...(parentId ? { parent_id: parentId } : {}),
      ...(isAnchor ? { is_anchor: true } : {}),
    });
    if (!res.ok) return res;
    this.notify({ type: "bg/comments", comments: [res.data.comment], reset: false });
    return { ok: true, comment: res.data.comment };
  }

  private async page(before?: Page["next_cursor"]): Promise<Page | null> {
    const res = await callFunction<Page>(this.client, "comments-get-by-episode", {
      room_id: this.roomId,
      ...this.episode,
      limit: 50,
      ...(before ? { before } : {}),
    });
    if (!res.ok) return null;
    this.cursor = res.data.next_cursor;
    return res.data;
  }
}

function withAnchor(page: Page): CommentView[] {
  return page.anchor ? [page.anchor, ...page.comments] : page.comments;
}
