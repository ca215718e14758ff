/** Where the backend is and who the user is to others; kept in browser.storage.local. */
import browser from "webextension-polyfill";

export interface Settings {
  backendUrl: string;
  anonKey: string;
  username: string;
  /** An http(s) picture shown next to the name; empty for none. */
  avatarUrl: string;
}

const KEY = "watchium:settings";

/** Development builds talk to the local stack (`npm start`). */
export const DEFAULT_SETTINGS: Settings = {
  backendUrl: import.meta.env.WXT_BACKEND_URL ?? "http://127.0.0.1:54321",
  anonKey:
    import.meta.env.WXT_ANON_KEY ??
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0",
  username: "",
  avatarUrl: "",
};

export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as Partial<Settings> | undefined;
  return { ...DEFAULT_SETTINGS, ...stored };
}

export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  const next = { ...(await loadSettings()), ...change };
  await browser.storage.local.set({ [KEY]: next });
  return next;
}
