/**
 * One sync run: a host and N−1 members in real Chromium with the built extension on the
 * demo page, 60 s of playback with seeks, pauses and a rate change. Samples every
 * member's error against the host every 100 ms, and after each host action measures
 * (from the pages' own 10 ms records, page-sampler.ts) how long until every member is
 * within 50 ms.
 */
import type { Page } from "@playwright/test";
import { launchPerson, type Person } from "../../tests/e2e/support/browsers.ts";
import { PanelPage } from "../../tests/e2e/support/panel.ts";
import { act, errorBetween, read } from "../../tests/e2e/support/video.ts";
import { convergedAfter, startSampling, takeSamples } from "./page-sampler.ts";
import type { StackThread } from "./stack-thread.ts";

type Action = "play" | "pause" | { seek: number } | { rate: number };

/** Seconds into the run → host action. */
const TIMELINE: Array<[number, Action]> = [
  [0, "play"],
  [10, { seek: 60 }],
  [20, "pause"],
  [24, "play"],
  [34, { seek: 40 }],
  [42, { rate: 1.25 }],
  [48, { rate: 1 }],
  [54, "pause"],
  [57, "play"],
];
const RUN_S = 60;
/** After the actions, this long of plain playback measures the steady-state message rate. */
const IDLE_S = 25;
const CONVERGED_MS = 50;
const CONVERGE_LIMIT_MS = 3000;

export interface SyncRunResult {
  browsers: number;
  steadyErrorsMs: number[];
  convergenceMs: number[];
  /** Each host action in timeline order with its convergence time (null: not within 3 s). */
  actions: Array<{ action: string; ms: number | null }>;
  unconverged: number;
  deliveredPerMemberPerSecond: number;
  /** During the idle stretch only (no host actions): the steady-state budget. */
  steadyPerMemberPerSecond: number;
}

export async function runScenario(stack: StackThread, browsers: number): Promise<SyncRunResult> {
  const people: Person[] = await Promise.all(Array.from({ length: browsers }, () => launchPerson(stack.url, stack.anonKey)));
  try {
    const [host, ...members] = people;
    await host.page.goto(`${stack.url}/demo`);
    const { invite } = await new PanelPage(host.page).createRoom({ name: "Host", title: "Bench" });
    for (const [i, m] of members.entries()) {
      await m.page.goto(invite);
      await new PanelPage(m.page).join({ name: `Member ${i + 1}` });
    }
    await new Promise((r) => setTimeout(r, 2000)); // clock bursts and first states
    await Promise.all(people.map((p) => startSampling(p.page)));
    const steady: number[] = [];
    const convergence: number[] = [];
    const actions: SyncRunResult["actions"] = [];
    let unconverged = 0;
    const deliveredBefore = await stack.delivered();
    const start = Date.now();
    let next = 0;
    while (Date.now() - start < RUN_S * 1000) {
      const elapsed = (Date.now() - start) / 1000;
      if (next < TIMELINE.length && elapsed >= TIMELINE[next][0]) {
        await Promise.all(people.map((p) => takeSamples(p.page))); // drop what came before
        const actionAt = await act(host.page, TIMELINE[next][1]);
        // Hands off while it converges: the pages record themselves, the driver reads after.
        await new Promise((r) => setTimeout(r, CONVERGE_LIMIT_MS));
        const [hostSamples, ...memberSamples] = await Promise.all(people.map((p) => takeSamples(p.page)));
        const took = convergedAfter(hostSamples, memberSamples, actionAt, CONVERGED_MS, CONVERGE_LIMIT_MS);
        if (took === null) unconverged++;
        else convergence.push(took);
        actions.push({ action: label(TIMELINE[next][1]), ms: took });
        console.log(`  ${JSON.stringify(TIMELINE[next][1])}: ${took === null ? "not converged" : `${took} ms`}`);
        next++;
        continue;
      }
      const errors = await memberErrors(host.page, members.map((m) => m.page));
      steady.push(...errors.map(Math.abs)); // never within an action's window: that is spent above
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (Date.now() - start) / 1000;
    const deliveredAfterActions = await stack.delivered();
    // Idle stretch: past the host's fast-heartbeat window, then count.
    await new Promise((r) => setTimeout(r, 6000));
    const idleBefore = await stack.delivered();
    const idleStart = Date.now();
    while (Date.now() - idleStart < IDLE_S * 1000) {
      const errors = await memberErrors(host.page, members.map((m) => m.page));
      steady.push(...errors.map(Math.abs));
      await new Promise((r) => setTimeout(r, 100));
    }
    const idleSeconds = (Date.now() - idleStart) / 1000;
    return {
      steadyPerMemberPerSecond: ((await stack.delivered()) - idleBefore) / browsers / idleSeconds,
      browsers,
      steadyErrorsMs: steady,
      convergenceMs: convergence,
      actions,
      unconverged,
      deliveredPerMemberPerSecond: (deliveredAfterActions - deliveredBefore) / browsers / seconds,
    };
  } finally {
    await Promise.all(people.map((p) => p.close()));
  }
}

function label(action: Action): string {
  if (typeof action === "string") return action;
  return "seek" in action ? `seek to ${action.seek} s` : `rate ${action.rate}×`;
}

/**
 * Every member's error against the host, in ms (positive: behind), from one reading of
 * each page taken together; each reading carries its page's clock, so the host's position
 * is extrapolated to each member's instant.
 */
async function memberErrors(host: Page, members: Page[]): Promise<number[]> {
  const [h, ...ms] = await Promise.all([read(host), ...members.map(read)]);
  return ms.map((m) => errorBetween(h, m));
}
