/** The popup's asks to the background, for the active tab. */
import browser from "webextension-polyfill";
import type { SessionResult, SessionView } from "../core/messages.ts";
import type { FromPopup, PublicRoomView } from "../core/popup-messages.ts";
import type { Settings } from "../background/settings.ts";

export interface PopupState {
  session: SessionView | null;
  settings: Settings;
  tab_url: string;
  tab_title: string;
}

async function ask<T>(message: FromPopup): Promise<T> {
  return (await browser.runtime.sendMessage(message)) as T;
}

/** The active tab; `popup.html?tab=<id>` names one instead (opened as a page for tests and debugging). */
export async function activeTabId(): Promise<number | undefined> {
  const named = Number(new URLSearchParams(location.search).get("tab"));
  if (Number.isInteger(named) && named > 0) return named;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export const popupClient = (tabId: number) => ({
  state: () => ask<PopupState>({ type: "popup/get-state", tab_id: tabId }),
  create: (f: { title: string; is_public: boolean; username: string }) => ask<SessionResult>({ type: "popup/create-room", tab_id: tabId, ...f }),
  join: (f: { room_id: string; username: string; access_key?: string }) => ask<SessionResult>({ type: "popup/join-room", tab_id: tabId, ...f }),
  leave: () => ask<{ ok: boolean }>({ type: "popup/leave-room", tab_id: tabId }),
  listPublic: () => ask<{ ok: true; rooms: PublicRoomView[] } | { ok: false; error: { message: string } }>({ type: "popup/list-public" }),
  saveSettings: (s: { username: string; avatar_url: string; backend_url: string; anon_key: string }) => ask<{ ok: boolean }>({ type: "popup/save-settings", ...s }),
  testConnection: (s: { backend_url: string; anon_key: string }) => ask<{ ok: boolean; message: string }>({ type: "popup/test-connection", ...s }),
});
export type PopupClient = ReturnType<typeof popupClient>;
