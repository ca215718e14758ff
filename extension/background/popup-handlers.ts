/** What the popup asks of the background, for the tab it names. */
import browser from "webextension-polyfill";
import type { FromPopup, PublicRoomView } from "../core/popup-messages.ts";
import { t } from "../ui/i18n.ts";
import { MediaInfo } from "../core/messages.ts";
import { callFunction } from "./api-client.ts";
import { parseWith } from "./parse.ts";
import { createRoom, joinRoom, leaveRoom, sessionOf } from "./sessions.ts";
import { loadSettings, saveSettings } from "./settings.ts";
import { ensureSignedIn, supabaseFor } from "./supabase-client.ts";

export async function handlePopup(message: FromPopup): Promise<unknown> {
  switch (message.type) {
    case "popup/get-state": {
      const [settings, tab] = await Promise.all([loadSettings(), browser.tabs.get(message.tab_id).catch(() => null)]);
      return { session: sessionOf(message.tab_id)?.view() ?? null, settings, tab_url: tab?.url ?? "", tab_title: tab?.title ?? "" };
    }
    case "popup/create-room": {
      const tab = await browser.tabs.get(message.tab_id);
      const url = new URL(tab.url ?? "about:blank");
      // The page's content script knows the show and episode (site adapters); the URL and title are the fallback.
      const answer = await browser.tabs.sendMessage(message.tab_id, { type: "bg/describe-media" }, { frameId: 0 }).catch(() => null);
      const media = parseWith(MediaInfo, answer) ?? {
        anime_id: `${url.hostname}${url.pathname}`.slice(0, 200) || "page", anime_title: (tab.title ?? "").slice(0, 200), episode_number: 1, video_url: url.toString().split("#")[0],
      };
      return createRoom(message.tab_id, { title: message.title, is_public: message.is_public, username: message.username, page_url: url.toString(), media });
    }
    case "popup/join-room": {
      const tab = await browser.tabs.get(message.tab_id);
      return joinRoom(message.tab_id, { room_id: message.room_id, username: message.username, access_key: message.access_key, page_url: tab.url ?? "about:blank" });
    }
    case "popup/leave-room":
      await leaveRoom(message.tab_id);
      return { ok: true };
    case "popup/list-public": {
      const client = supabaseFor(await loadSettings());
      await ensureSignedIn(client).catch(() => {});
      const res = await callFunction<{ rooms: PublicRoomView[] }>(client, "rooms-list-public", { limit: 20 });
      return res.ok ? { ok: true, rooms: res.data.rooms } : res;
    }
    case "popup/save-settings":
      return { ok: true, settings: await saveSettings({ username: message.username, avatarUrl: message.avatar_url, backendUrl: message.backend_url, anonKey: message.anon_key }) };
    case "popup/test-connection":
      return testConnection(message.backend_url, message.anon_key);
  }
}

async function testConnection(backendUrl: string, anonKey: string): Promise<{ ok: boolean; message: string }> {
  try {
    const res = await fetch(`${backendUrl.replace(/\/$/, "")}/functions/v1/health`, { headers: { apikey: anonKey } });
    if (res.ok) return { ok: true, message: t("connectionOk") };
    return { ok: false, message: t("connectionHttpError", res.status) };
  } catch {
    return { ok: false, message: t("connectionUnreachable") };
  }
}
