/**
 * The background's single entry for messages. Trust is decided here, once: messages
 * must come from this extension; content-script messages act only on the room of the
 * tab they come from (sender.tab), never a tab they name; only the extension's own
 * pages (the popup) may name a tab. Everything is parsed
 * with the protocol schemas first; what does not parse is dropped.
 */
import browser, { type Runtime } from "webextension-polyfill";
import { ToBackground } from "../core/messages.ts";
import { FromPopup } from "../core/popup-messages.ts";
import { t } from "../ui/i18n.ts";
import { parseWith } from "./parse.ts";
import { handlePopup } from "./popup-handlers.ts";
import { createRoom, endRoom, joinRoom, leaveRoom, sessionOf, whenRestored } from "./sessions.ts";

export function listenForMessages(): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    // The extension's own pages (the popup, even when opened in a tab) may name a tab;
    // content scripts act only on the tab they run in.
    if (sender.url?.startsWith(browser.runtime.getURL(""))) {
      const ask = parseWith(FromPopup, raw);
      return ask ? whenRestored().then(() => handlePopup(ask)) : undefined;
    }
    const tabId = sender.tab?.id;
    if (tabId === undefined) return undefined;
    const message = parseWith(ToBackground, raw);
    if (!message) return undefined;
    // A worker that just started answers only once the sessions it restores are back.
    return whenRestored().then(() => handle(tabId, message));
  });
}

function handle(tabId: number, message: ToBackground): Promise<unknown> | undefined {
  const session = sessionOf(tabId);
  switch (message.type) {
    case "content/create-room":
      return createRoom(tabId, message);
    case "content/join-room":
      return joinRoom(tabId, message);
    case "content/leave-room":
      return leaveRoom(tabId).then(() => ({ ok: true }));
    case "content/end-room":
      return endRoom(tabId).then(() => ({ ok: true }));
    case "content/get-session":
      return Promise.resolve({ session: session?.view() ?? null });
    case "content/host-state":
      session?.hostState(message);
      return undefined;
    case "content/playback-request":
      session?.playbackRequest(message);
      return undefined;
    case "content/status":
      session?.reportStatus(message.status, message.offset_ms);
      return undefined;
    case "content/buffering":
      session?.reportBuffering(message);
      return undefined;
    case "content/post-comment":
      return session
        ? session.comments.post(message.message, message.video_timestamp, message.parent_id, message.is_anchor)
        : Promise.resolve({ ok: false, error: { code: "no_room", message: t("joinRoomFirst") } });
    case "content/react":
      return session?.comments.react(message.comment_id, message.emoji);
    case "content/load-older-comments":
      return session?.comments.loadOlder().then(() => ({ ok: true }));
    case "content/media-changed":
      session?.mediaChanged(message.page_url, message.media);
      return undefined;
    case "content/video-found":
      return undefined;
  }
}
