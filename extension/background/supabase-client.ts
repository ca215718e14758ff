/**
 * The background's one Supabase client. MV3 notes (REALTIME_NOTES.md): no localStorage,
 * so auth keeps its session in browser.storage.local; the socket heartbeat is 20 s so
 * WebSocket traffic keeps the service worker alive (Chrome 116+).
 */
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import browser from "webextension-polyfill";
import type { Settings } from "./settings.ts";

const authStorage = {
  async getItem(key: string): Promise<string | null> {
    const value = (await browser.storage.local.get(key))[key];
    return typeof value === "string" ? value : null;
  },
  async setItem(key: string, value: string): Promise<void> {
    await browser.storage.local.set({ [key]: value });
  },
  async removeItem(key: string): Promise<void> {
    await browser.storage.local.remove(key);
  },
};

let current: { key: string; client: SupabaseClient } | undefined;

/** The client for these settings (a new one when the backend changed). */
export function supabaseFor(settings: Settings): SupabaseClient {
  const key = `${settings.backendUrl}|${settings.anonKey}`;
  if (current?.key !== key) {
    void current?.client.removeAllChannels();
    current = {
      key,
      client: createClient(settings.backendUrl, settings.anonKey, {
        auth: { storage: authStorage, persistSession: true, autoRefreshToken: true, detectSessionInUrl: false },
        realtime: { heartbeatIntervalMs: 20_000 },
      }),
    };
  }
  return current.client;
}

/** The signed-in user's id, signing in anonymously the first time. */
export async function ensureSignedIn(client: SupabaseClient): Promise<string> {
  const { data } = await client.auth.getSession();
  if (data.session) return data.session.user.id;
  const { data: signed, error } = await client.auth.signInAnonymously();
  if (error || !signed.user) throw new Error(error?.message ?? "Could not sign in");
  return signed.user.id;
}
