/** Reading and driving the page's <video> from the page itself, as a person's clicks would. */
import type { Page } from "@playwright/test";

export interface Reading {
  t: number;
  position: number;
  paused: boolean;
  rate: number;
  readyState: number;
}

export function read(page: Page): Promise<Reading> {
  return page.evaluate(() => {
    const v = document.querySelector("video")!;
    return { t: performance.timeOrigin + performance.now(), position: v.currentTime, paused: v.paused, rate: v.playbackRate, readyState: v.readyState };
  });
}

/** The member's error against the host, in ms (positive: the member is behind). */
export async function errorMs(host: Page, member: Page): Promise<number> {
  const [h, m] = await Promise.all([read(host), read(member)]);
  return errorBetween(h, m);
}

/** The same from two readings: the host's position moved to the member's reading time. */
export function errorBetween(h: Reading, m: Reading): number {
  const hostAtMemberTime = h.paused ? h.position : h.position + (h.rate * (m.t - h.t)) / 1000;
  return (hostAtMemberTime - m.position) * 1000;
}

/** Does what a person's click would; resolves to the page's wall-clock time of the action. */
export function act(page: Page, action: "play" | "pause" | { seek: number } | { rate: number }): Promise<number> {
  return page.evaluate((a) => {
    const v = document.querySelector("video")!;
    const at = performance.timeOrigin + performance.now();
    if (a === "play") void v.play();
    else if (a === "pause") v.pause();
    else if ("seek" in a) v.currentTime = a.seek;
    else v.playbackRate = a.rate;
    return at;
  }, action);
}

/** Polls until the member is within `withinMs` of the host; returns how long it took. */
export async function convergence(host: Page, member: Page, withinMs: number, timeoutMs = 10_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const e = await errorMs(host, member);
    if (Math.abs(e) <= withinMs) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`member still ${Math.round(e)} ms off after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
