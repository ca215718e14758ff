/**
 * Two people, two real Chromium browsers with the built extension: a host creates a
 * room on the demo page, a member joins by the invite link, and playback follows.
 */
import { expect, test } from "@playwright/test";
import type { LocalStack } from "../../backend/local/server.ts";
import { launchPerson, type Person } from "./support/browsers.ts";
import { PanelPage } from "./support/panel.ts";
import { type Party, startParty } from "./support/party.ts";
import { act, convergence, errorMs, read } from "./support/video.ts";

test.describe.configure({ mode: "serial" });

let party: Party;
let stack: LocalStack;
let host: Person;
let member: Person;

test.beforeAll(async () => {
  party = await startParty();
  ({ stack, host, member } = party);
});

test.afterAll(() => party?.close());

test("the host creates a room and the member joins by the invite link", async () => {
  await host.page.goto(`${stack.url}/demo`);
  const { invite } = await new PanelPage(host.page).createRoom({ name: "Hana", title: "Movie night" });
  expect(invite).toContain(`${stack.url}/demo#watchium=`);

  await member.page.goto(invite);
  const panel = new PanelPage(member.page);
  await expect(member.page.getByText(/You were invited to room/)).toBeVisible();
  await member.page.getByRole("region", { name: "Watchium" }).screenshot({ path: "docs/screenshots/panel-invited.png", timeout: 10_000 });
  await panel.join({ name: "Mo" });
  await expect(panel.members()).toContainText("Hana (host)");
  await expect(panel.members()).toContainText("Mo");
  await expect(new PanelPage(host.page).members()).toContainText("Mo", { timeout: 10_000 });
});

test("play, pause, seek and rate follow the host", async () => {
  await act(host.page, "play");
  // Right after the click both videos still stand at 0 s, "within 50 ms" of each other: wait
  // for the member to be playing first, then for it to be in step.
  await expect.poll(async () => (await read(member.page)).paused, { timeout: 5000, intervals: [10] }).toBe(false);
  const playMs = await convergence(host.page, member.page, 50);
  console.log("play converged in", playMs, "ms after the member started");

  await act(host.page, { seek: 120 });
  const seekMs = await convergence(host.page, member.page, 50);
  console.log("seek converged in", seekMs, "ms; member at", (await read(member.page)).position);
  expect((await read(member.page)).position).toBeGreaterThan(120);

  await act(host.page, { rate: 1.5 });
  await expect.poll(async () => (await read(member.page)).rate, { timeout: 5000 }).toBeGreaterThan(1.3);
  await convergence(host.page, member.page, 50);

  await act(host.page, "pause");
  await expect.poll(async () => (await read(member.page)).paused, { timeout: 5000 }).toBe(true);
  await expect.poll(async () => Math.abs(await errorMs(host.page, member.page)), { timeout: 5000 }).toBeLessThan(50);
  await act(host.page, { rate: 1 });
  await act(host.page, "play");
  await convergence(host.page, member.page, 50);
});

test("a member's seek is a request the host carries out, without bouncing back meanwhile", async () => {
  await act(member.page, { seek: 200 });
  const memberPositions: number[] = [];
  await expect.poll(async () => {
    memberPositions.push((await read(member.page)).position);
    return (await read(host.page)).position;
  }, { timeout: 8000, intervals: [10] }).toBeGreaterThan(199);
  // While the host took the request up, the member's video stayed where its person put it.
  expect(Math.min(...memberPositions)).toBeGreaterThan(199);
  await convergence(host.page, member.page, 50);
});

test("when the host closes the tab the member becomes host", async () => {
  await host.page.close();
  await expect.poll(async () => (await stack.db.query<{ n: number }>("select host_term as n from public.rooms"))[0]?.n, { timeout: 10_000 }).toBe(2);
  await expect(member.page.getByText("You are the host now.")).toBeVisible({ timeout: 20_000 });
  await expect(member.page.getByText("You are the host", { exact: false }).first()).toBeVisible();
  await expect(new PanelPage(member.page).members()).toContainText("Mo (host)");
});

test("when the host moves to another episode the member is offered to follow", async () => {
  // The member became host in the previous test; the former host rejoins as a member.
  const newHost = member;
  const follower = await launchPerson(stack.url, stack.anonKey);
  try {
    const invite = await newHost.page.getByRole("textbox", { name: "Invite link" }).inputValue();
    await follower.page.goto(invite);
    await new PanelPage(follower.page).join({ name: "Fay" });
    await newHost.page.goto(`${stack.url}/demo?episode=2`);
    await expect(follower.page.getByText(/The host moved to/)).toBeVisible({ timeout: 15_000 });
    await follower.page.getByRole("button", { name: "Follow the host" }).click();
    await expect(follower.page).toHaveURL(/\/demo\?episode=2#watchium=/);
    await expect(new PanelPage(follower.page).members()).toContainText("Mo (host)", { timeout: 15_000 });
  } finally {
    await follower.close();
  }
});
