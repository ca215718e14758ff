/**
 * Real Chromium with the real built extension: each "person" is its own browser profile.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Page, type Worker } from "@playwright/test";

export const EXTENSION_DIR = resolve(".output/chrome-mv3");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface Person {
  context: BrowserContext;
  page: Page;
  worker: Worker;
  close(): Promise<void>;
}

export async function launchPerson(backendUrl: string, anonKey: string): Promise<Person> {
  const profile = mkdtempSync(join(tmpdir(), "watchium-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 800 },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--autoplay-policy=no-user-gesture-required",
      // Background tabs must not be throttled: each person's page is the one they watch.
      "--disable-background-timer-throttling",
      "--disable-renderer-backgrounding",
      "--disable-backgrounding-occluded-windows",
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  await worker.evaluate(
    ([url, key]) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ "watchium:settings": { backendUrl: url, anonKey: key, username: "" } }),
    [backendUrl, anonKey] as const,
  );
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    worker,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The service worker now (it changes after a restart). */
export async function currentWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
}
