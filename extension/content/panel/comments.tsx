/**
 * The episode's comments: the anchor thread pinned, threads with their replies, each
 * with author, relative time and a video-time stamp that seeks there (or asks the host
 * to). Text is rendered as text, never as HTML.
 */
import { useState } from "preact/hooks";
import type { Thread } from "../../core/comment-thread.ts";
import type { CommentView } from "../../core/messages.ts";
import { t } from "../../ui/i18n.ts";

export const MAX_COMMENT = 2000;

export const REACTIONS = ["👍", "😂", "😮", "😢", "❤️", "🔥"] as const;

export interface CommentsProps {
  threads: Thread<CommentView>[];
  /** The host may start the episode's pinned thread while there is none. */
  canPin: boolean;
  /** Live counts by comment id (newer than the comment's own). */
  reactions: Map<string, Record<string, number>>;
  mine: Set<string>;
  /** Resolves to a sentence to show when the reaction was refused, else null. */
  react(commentId: string, emoji: string): Promise<string | null>;
  hasOlder: boolean;
  send(message: string, parentId?: string, pin?: boolean): Promise<string | null>;
  seek(seconds: number): void;
  loadOlder(): void;
}

export function Comments({ threads, canPin, hasOlder, send, seek, loadOlder, reactions, mine, react }: CommentsProps) {
  const item = (c: CommentView, reply: () => void) => (
    <CommentItem comment={c} seek={seek} reply={reply} counts={reactions.get(c.id) ?? c.reactions ?? {}} mine={mine} react={react} />
  );
  const [replyTo, setReplyTo] = useState<CommentView | null>(null);
  return (
    <div class="comments">
      <h3>{t("comments")}</h3>
      {hasOlder && (
        <button type="button" onClick={loadOlder}>
          {t("loadOlderComments")}
        </button>
      )}
      <ul aria-label={t("comments")}>
        {threads.map((thread) => (
          <li key={thread.root.id} class={thread.root.is_anchor ? "thread anchor" : "thread"}>
            {item(thread.root, () => setReplyTo(thread.root))}
            {thread.replies.length > 0 && (
              <ul aria-label={t("repliesTo", thread.root.username)}>
                {thread.replies.map((r) => (
                  <li key={r.id}>{item(r, () => setReplyTo(r))}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <Composer replyTo={replyTo} cancelReply={() => setReplyTo(null)} send={send} canPin={canPin && !threads.some((thread) => thread.root.is_anchor)} />
    </div>
  );
}

interface ItemProps {
  comment: CommentView;
  counts: Record<string, number>;
  mine: Set<string>;
  seek(s: number): void;
  reply(): void;
  /** Resolves to a sentence to show when the reaction was refused, else null. */
  react(commentId: string, emoji: string): Promise<string | null>;
}

function CommentItem({ comment, counts, mine, seek, reply, react }: ItemProps) {
  const [refused, setRefused] = useState<string | null>(null);
  const toggle = async (emoji: string) => setRefused(await react(comment.id, emoji));
  return (
    <article class="comment">
      <header>
        <strong class="author">{comment.username}</strong>
        {comment.is_anchor && <span class="pin"> · {t("pinned")}</span>}
        <span class="when"> · {relativeTime(comment.created_at)}</span>
        <button type="button" class="stamp" aria-label={t("goToTime", clock(comment.video_timestamp))} onClick={() => seek(comment.video_timestamp)}>
          {clock(comment.video_timestamp)}
        </button>
      </header>
      <p class="message">{comment.message}</p>
      <div class="reactions">
        {REACTIONS.map((emoji) => {
          const n = counts[emoji] ?? 0;
          return (
            <button
              type="button"
              key={emoji}
              class={n > 0 ? "reaction used" : "reaction"}
              aria-pressed={mine.has(`${comment.id}:${emoji}`)}
              aria-label={n > 0 ? t("reactWithCount", emoji, n) : t("react", emoji)}
              onClick={() => void toggle(emoji)}
            >
              {emoji}
              {n > 0 ? ` ${n}` : ""}
            </button>
          );
        })}
        <button type="button" class="reply" onClick={reply}>
          {t("reply")}
        </button>
      </div>
      {refused && <p role="alert" class="error">{refused}</p>}
    </article>
  );
}

function Composer({ replyTo, cancelReply, send, canPin }: { replyTo: CommentView | null; cancelReply(): void; send: CommentsProps["send"]; canPin: boolean }) {
  const [text, setText] = useState("");
  const [pin, setPin] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!text.trim() || busy) return;
    setBusy(true);
    const failure = await send(text.trim(), replyTo?.id, pin && !replyTo);
    setBusy(false);
    setError(failure);
    if (!failure) {
      setText("");
      setPin(false);
      cancelReply();
    }
  };
  return (
    <div class="composer">
      {replyTo && (
        <p class="replying">
          {t("replyingTo", replyTo.username)}{" "}
          <button type="button" onClick={cancelReply}>
            {t("cancelReply")}
          </button>
        </p>
      )}
      <label>
        {t("writeComment")}
        <textarea
          value={text}
          maxLength={MAX_COMMENT}
          rows={2}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => e.key === "Enter" && (e.ctrlKey || e.metaKey) && void submit()}
        />
      </label>
      {canPin && !replyTo && (
        <label class="check">
          <input type="checkbox" checked={pin} onChange={(e) => setPin(e.currentTarget.checked)} />
          {t("pinAsThread")}
        </label>
      )}
      <span class="counter" aria-live="polite">
        {t("characterCount", text.length, MAX_COMMENT)}
      </span>
      <button type="button" disabled={busy || !text.trim()} onClick={() => void submit()}>
        {t("send")}
      </button>
      {error && <p role="alert" class="error">{error}</p>}
    </div>
  );
}

/** 75.4 → "1:15"; 3725 → "1:02:05". */
export function clock(seconds: number): string {
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

function relativeTime(iso: string): string {
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 60) return t("justNow");
  if (seconds < 3600) return t("minutesAgo", Math.floor(seconds / 60));
  if (seconds < 86400) return t("hoursAgo", Math.floor(seconds / 3600));
  return new Date(iso).toLocaleDateString();
}
