/**
 * Records a page's <video> every 10 ms from inside the page, so convergence after a host
 * action is measured without the driver polling four browsers over CDP every 20 ms (on two
 * cores that polling slowed the very thing it measured, and gave 20–40 ms steps). The
 * driver collects the samples once the action's window is over.
 */
import type { Page } from "@playwright/test";

export interface Sample {
  /** The page's wall clock (performance.timeOrigin + performance.now()), ms. */
  t: number;
  position: number;
  paused: boolean;
  rate: number;
}

export const SAMPLE_EVERY_MS = 10;

/** Starts sampling (main world, so it never touches the extension's content script). */
export async function startSampling(page: Page): Promise<void> {
  await page.evaluate((every) => {
    const w = window as unknown as { __benchSamples?: unknown[]; __benchTimer?: number };
    w.__benchSamples = [];
    clearInterval(w.__benchTimer);
    w.__benchTimer = window.setInterval(() => {
      const v = document.querySelector("video");
      if (v) w.__benchSamples!.push({ t: performance.timeOrigin + performance.now(), position: v.currentTime, paused: v.paused, rate: v.playbackRate });
    }, every);
  }, SAMPLE_EVERY_MS);
}

/** Takes (and clears) the samples recorded since the last call. */
export function takeSamples(page: Page): Promise<Sample[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __benchSamples?: Sample[] };
    const samples = w.__benchSamples ?? [];
    w.__benchSamples = [];
    return samples;
  });
}

/** The last sample at or before `t` (samples are in time order), or null. */
function latestAt(samples: Sample[], t: number): Sample | null {
  let found: Sample | null = null;
  for (const s of samples) {
    if (s.t > t) break;
    found = s;
  }
  return found;
}

/**
 * Milliseconds from `actionAt` until every member is within `withinMs` of the host, judged
 * every 10 ms on the samples (each member's latest sample against the host's latest one
 * before it, moved to the member's instant while playing); null if never within `limitMs`.
 */
export function convergedAfter(host: Sample[], members: Sample[][], actionAt: number, withinMs: number, limitMs: number): number | null {
  for (let at = actionAt; at <= actionAt + limitMs; at += SAMPLE_EVERY_MS) {
    const all = members.every((samples) => {
      const m = latestAt(samples, at);
      const h = m && latestAt(host, m.t);
      if (!m || !h || m.t < actionAt || h.t < actionAt) return false;
      const hostAtMember = h.paused ? h.position : h.position + (h.rate * (m.t - h.t)) / 1000;
      return Math.abs(hostAtMember - m.position) * 1000 <= withinMs;
    });
    if (all) return Math.round(at - actionAt);
  }
  return null;
}
