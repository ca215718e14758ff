/**
 * "Waits for the slow": a member whose video arrives slower than it plays runs out of
 * data; the room pauses for them at one point and resumes when they are ready, instead
 * of everyone rewinding in a loop.
 */
import { expect, test } from "@playwright/test";
import type { LocalStack } from "../../backend/local/server.ts";
import type { Person } from "./support/browsers.ts";
import { PanelPage } from "./support/panel.ts";
import { type Party, startParty } from "./support/party.ts";
import { act, read } from "./support/video.ts";

let party: Party;
let stack: LocalStack;
let host: Person;
let member: Person;

test.beforeAll(async () => {
  party = await startParty();
  ({ stack, host, member } = party);
});

test.afterAll(() => party?.close());

test("a throttled member's buffering pauses the room, which then resumes together", async () => {
  await host.page.goto(`${stack.url}/demo`);
  const { roomId } = await new PanelPage(host.page).createRoom({ name: "Host", title: "Slow friend" });
  // The member's copy of the video is served at 24 kbit/s, well below what it plays at.
  await member.page.goto(`${stack.url}/demo?kbps=24#watchium=${roomId}`);
  await new PanelPage(member.page).join({ name: "Slow" });

  await act(host.page, "play");
  // The member stalls; after a second of waiting the host's room pauses for them.
  await expect.poll(async () => (await read(host.page)).paused, { timeout: 30_000, intervals: [200] }).toBe(true);
  await expect(host.page.getByRole("list", { name: "Members" })).toContainText(/Slow — (buffering|in sync)/);
  const pausedAt = (await read(host.page)).position;

  // Once the member has data again (or after the 12 s limit) both play on from the same point.
  await expect.poll(async () => (await read(host.page)).paused, { timeout: 30_000, intervals: [200] }).toBe(false);
  const resumedHost = await read(host.page);
  expect(resumedHost.position).toBeGreaterThanOrEqual(pausedAt - 0.1);
  await expect.poll(async () => (await read(member.page)).paused, { timeout: 10_000 }).toBe(false);
  const m = await read(member.page);
  expect(Math.abs(m.position - pausedAt)).toBeLessThan(5); // the member was not rewound or left far behind
});
