/**
 * The background's registry: one RoomSession per tab, created by create/join requests,
 * saved to browser.storage.session so a restarted service worker picks them up again.
 */
import browser from "webextension-polyfill";
import type { MemberT, RoomT } from "../../backend/supabase/functions/_shared/contract.ts";
import type { SessionResult, ToContent } from "../core/messages.ts";
import { withoutInvite } from "../core/share-link.ts";
import { t } from "../ui/i18n.ts";
import { callFunction } from "./api-client.ts";
import { RoomSession } from "./room-session.ts";
import { loadSettings, saveSettings } from "./settings.ts";
import { ensureSignedIn, supabaseFor } from "./supabase-client.ts";

interface StoredSession {
  roomId: string;
  pageUrl: string;
  accessKey?: string;
  seq: number;
}

const STORE_KEY = "watchium:sessions";
const sessions = new Map<number, RoomSession>();

type JoinAnswer = { room: RoomT & { access_key?: string }; members?: MemberT[]; member: MemberT };

export function sessionOf(tabId: number): RoomSession | undefined {
  return sessions.get(tabId);
}

export async function createRoom(
  tabId: number,
  req: { title: string; is_public: boolean; username: string; page_url: string; media: Record<string, unknown> },
): Promise<SessionResult> {
  const { client, username, avatar } = await connect(req.username);
  const res = await callFunction<JoinAnswer>(client, "rooms-create", {
    title: req.title, is_public: req.is_public, host_username: username, ...avatar, ...req.media,
  });
  if (!res.ok) return res;
  return start(tabId, { ...res.data, members: [res.data.member] }, withoutInvite(req.page_url), res.data.room.access_key);
}

export async function joinRoom(
  tabId: number,
  req: { room_id: string; username: string; access_key?: string; page_url: string },
  restored?: StoredSession,
): Promise<SessionResult> {
  const { client, username, avatar } = await connect(req.username);
  const res = await callFunction<JoinAnswer>(client, "rooms-join", {
    room_id: req.room_id, username, ...avatar, ...(req.access_key ? { access_key: req.access_key } : {}),
  });
  if (!res.ok) return res;
  return start(tabId, res.data, withoutInvite(req.page_url), restored?.accessKey, restored?.seq);
}

export async function leaveRoom(tabId: number): Promise<void> {
  const session = sessions.get(tabId);
  sessions.delete(tabId);
  await session?.leave();
  notify(tabId, { type: "bg/session", session: null });
}

let restoring: Promise<void> = Promise.resolve();

/** Resolves once sessions saved by a previous service worker are back (messages wait for it). */
export function whenRestored(): Promise<void> {
  return restoring;
}

export async function endRoom(tabId: number): Promise<void> {
  const session = sessions.get(tabId);
  if (!session?.isHost) return;
  sessions.delete(tabId);
  await session.end();
  notify(tabId, { type: "bg/session", session: null, ended: t("youEndedRoom") });
}

/** After a service-worker restart: rejoin every room a tab was in (a rejoin needs no key). */
export function restoreSessions(): Promise<void> {
  restoring = restoreSaved().catch(() => {});
  return restoring;
}

async function restoreSaved(): Promise<void> {
  const stored = ((await browser.storage.session.get(STORE_KEY))[STORE_KEY] ?? {}) as Record<string, StoredSession>;
  for (const [tab, record] of Object.entries(stored)) {
    const tabId = Number(tab);
    if (sessions.has(tabId)) continue;
    const exists = await browser.tabs.get(tabId).then(() => true, () => false);
    if (!exists) continue;
    await joinRoom(tabId, { room_id: record.roomId, username: "", page_url: record.pageUrl }, record);
  }
}

async function connect(requestedName: string) {
  const settings = requestedName ? await saveSettings({ username: requestedName.trim() }) : await loadSettings();
  const client = supabaseFor(settings);
  const userId = await ensureSignedIn(client);
  return { client, userId, username: settings.username || t("guestName"), avatar: settings.avatarUrl ? { avatar_url: settings.avatarUrl } : {} };
}

async function start(
  tabId: number,
  joined: JoinAnswer,
  pageUrl: string,
  accessKey?: string,
  seq?: number,
): Promise<SessionResult> {
  sessions.get(tabId)?.dispose();
  const settings = await loadSettings();
  const client = supabaseFor(settings);
  const userId = await ensureSignedIn(client);
  const session = new RoomSession(
    {
      client,
      userId,
      username: settings.username || t("guestName"),
      notify: (message) => notify(tabId, message),
      persist: (record) => void persist(tabId, record),
    },
    { room: joined.room, members: joined.members ?? [joined.member], accessKey, pageUrl, seq },
  );
  sessions.set(tabId, session);
  await session.start();
  return { ok: true, session: session.view() };
}

function notify(tabId: number, message: ToContent): void {
  browser.tabs.sendMessage(tabId, message).catch(() => {
    // The tab is gone or has no content script yet; it asks again when it loads.
  });
}

let storeQueue: Promise<void> = Promise.resolve();
function persist(tabId: number, record: StoredSession | null): Promise<void> {
  // Serialised: two quick writes must not read-modify-write over each other.
  storeQueue = storeQueue.then(async () => {
    const all = ((await browser.storage.session.get(STORE_KEY))[STORE_KEY] ?? {}) as Record<string, StoredSession>;
    if (record) all[tabId] = record;
    else delete all[tabId];
    await browser.storage.session.set({ [STORE_KEY]: all });
  });
  return storeQueue;
}

/** A closed tab leaves its room (the host's leaving hands the room over). */
export function forgetTab(tabId: number): void {
  const session = sessions.get(tabId);
  if (!session) return;
  sessions.delete(tabId);
  void session.leave();
}
