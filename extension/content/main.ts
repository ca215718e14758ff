/**
 * The content script, in every frame: find the video, keep it in sync for the tab's
 * room, and (in the top frame) show the panel. Everything it starts ends with ctx.
 */
import { CommentThreads } from "../core/comment-thread.ts";
import type { CommentView, SessionView } from "../core/messages.ts";
import { readInviteLink } from "../core/share-link.ts";
import { watchMainVideo } from "./find-video.ts";
import { ask, currentSession, describeFailure, onNotice, tell } from "./messaging.ts";
import { mountPanel, type MountedPanel } from "./mount-panel.ts";
import type { PanelActions } from "./panel/panel.tsx";
import { siteFor } from "./sites/index.ts";
import { SyncAgent } from "./sync-agent.ts";
import { t } from "../ui/i18n.ts";
import type { SessionResult } from "../core/messages.ts";

/** Longer than the host's slow heartbeat (5 s), so a healthy room never triggers it. */
const WATCHDOG_MS = 8000;

export function startContent(signal: AbortSignal): void {
  const isTop = window.top === window;
  let session: SessionView | null = null;
  let agent: SyncAgent | null = null;
  let panel: MountedPanel | null = null;
  let comments = new CommentThreads<CommentView>();
  let hasOlder = false;
  let ended: string | undefined;
  const reactions = new Map<string, Record<string, number>>();
  const mine = new Set<string>();

  const roleOf = (s: SessionView | null) => (s ? s.role : "off");
  const actions: PanelActions = {
    async create({ username, title, isPrivate }) {
      const url = new URL(location.href);
      const media = siteFor(url).media(document, url);
      const result = await ask<SessionResult>({
        type: "content/create-room", title: title.trim() || media.anime_title || t("defaultRoomTitle"), is_public: !isPrivate,
        username, page_url: location.href, media: { ...media, video_url: location.href.split("#")[0] },
      });
      return applyResult(result);
    },
    async join({ username, roomId, accessKey }) {
      const result = await ask<SessionResult>({
        type: "content/join-room", room_id: roomId, username, page_url: location.href,
        ...(accessKey ? { access_key: accessKey } : {}),
      });
      return applyResult(result);
    },
    async leave() {
      await ask({ type: "content/leave-room" });
      setSession(null);
    },
    async end() {
      await ask({ type: "content/end-room" });
    },
  };

  function applyResult(result: SessionResult | null): string | null {
    if (result?.ok) setSession(result.session);
    return describeFailure(result);
  }

  function setSession(next: SessionView | null): void {
    if (next?.room_id !== session?.room_id) comments = new CommentThreads<CommentView>();
    session = next;
    agent?.setRole(roleOf(session));
    panel?.update(panelProps());
  }

  const commentActions = {
    async send(message: string, parentId?: string, pin?: boolean) {
      const result = await ask<{ ok: boolean; error?: { message: string } }>({
        type: "content/post-comment", message, video_timestamp: agent?.video.currentTime ?? 0,
        ...(parentId ? { parent_id: parentId } : {}), ...(pin ? { is_anchor: true } : {}),
      });
      return result?.ok ? null : (result?.error?.message ?? t("notResponding"));
    },
    // Clicking a stamp: the host seeks; a member asks the host (both through the room's request path).
    seek: (seconds: number) => tell({ type: "content/playback-request", action: "seek", position: seconds, rate: agent?.video.playbackRate ?? 1 }),
    loadOlder: () => tell({ type: "content/load-older-comments" }),
    async react(commentId: string, emoji: string) {
      const result = await ask<{ ok: boolean; error?: { message: string } }>({ type: "content/react", comment_id: commentId, emoji });
      return result?.ok ? null : (result?.error?.message ?? t("notResponding"));
    },
  };

  function panelProps() {
    return {
      session,
      comments: { threads: comments.threads(), canPin: session?.role === "host", hasOlder, reactions, mine, ...commentActions },
      ended,
      invitedRoomId: session ? null : readInviteLink(location.href),
      defaultTitle: document.title.slice(0, 100),
      actions,
    };
  }

  // Chrome may stop the extension's service worker; a message wakes it and it rejoins.
  // If the room has been silent longer than the host's slowest heartbeat, ask.
  let lastNoticeAt = Date.now();
  const watchdog = setInterval(() => {
    if (session && Date.now() - lastNoticeAt > WATCHDOG_MS) {
      lastNoticeAt = Date.now();
      void currentSession().then((s) => s && setSession(s));
    }
  }, 2000);
  signal.addEventListener("abort", () => clearInterval(watchdog));

  onNotice((message) => {
    lastNoticeAt = Date.now();
    switch (message.type) {
      case "bg/session":
        ended = message.ended;
        return setSession(message.session);
      case "bg/playback":
        return agent?.follow(message.state, message.offset_ms);
      case "bg/apply-request":
        return agent?.applyRequest(message.action, message.position, message.rate);
      case "bg/member-buffering":
        return agent?.memberBuffering(message.user_id, message.buffering);
      case "bg/comments":
        if (message.reset) comments = new CommentThreads<CommentView>();
        comments.merge(message.comments);
        if (message.has_older !== undefined) hasOlder = message.has_older;
        return panel?.update(panelProps());
      case "bg/describe-media": {
        if (!isTop) return undefined;
        const url = new URL(location.href);
        return { ...siteFor(url).media(document, url), video_url: location.href.split("#")[0] };
      }
      case "bg/reactions":
        reactions.set(message.comment_id, message.reactions);
        if (message.mine) {
          const key = `${message.comment_id}:${message.mine.emoji}`;
          if (message.mine.reacted) mine.add(key);
          else mine.delete(key);
        }
        return panel?.update(panelProps());
    }
  }, signal);

  // The host moving to another video (a new page in a single-page site, or a new player)
  // is told to the room, which offers members to follow.
  const announceMedia = () => {
    const now = location.href.split("#")[0];
    if (!isTop || session?.role !== "host" || now === session.page_url.split("#")[0]) return;
    session = { ...session, page_url: now }; // announce once; the background's view follows
    const url = new URL(location.href);
    tell({ type: "content/media-changed", page_url: location.href, media: { ...siteFor(url).media(document, url), video_url: now } });
  };
  const pagePoll = setInterval(announceMedia, 1000);
  signal.addEventListener("abort", () => clearInterval(pagePoll));

  watchMainVideo((video) => {
    agent?.dispose();
    agent = video ? new SyncAgent(video, tell) : null;
    agent?.setRole(roleOf(session));
    tell({ type: "content/video-found", has_video: video !== null });
    if (isTop && video && !panel) panel = mountPanel(panelProps());
  }, signal);

  void currentSession().then(setSession);
  signal.addEventListener("abort", () => {
    agent?.dispose();
    panel?.remove();
  });
}
