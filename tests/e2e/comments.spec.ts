/**
 * Comments in the sidebar, live between two browsers: threads, replies, a stamp that
 * seeks, and markup that stays text.
 */
import { expect, test } from "@playwright/test";
import type { LocalStack } from "../../backend/local/server.ts";
import type { Person } from "./support/browsers.ts";
import { PanelPage } from "./support/panel.ts";
import { type Party, startParty } from "./support/party.ts";
import { act, convergence, read } from "./support/video.ts";

test.describe.configure({ mode: "serial" });

let party: Party;
let stack: LocalStack;
let host: Person;
let member: Person;
const XSS = `<img src=x onerror="document.title='pwned'"><script>document.title='pwned'</script>`;

test.beforeAll(async () => {
  party = await startParty();
  ({ stack, host, member } = party);
  await host.page.goto(`${stack.url}/demo`);
  const { invite } = await new PanelPage(host.page).createRoom({ name: "Hana", title: "Comments" });
  await member.page.goto(invite);
  await new PanelPage(member.page).join({ name: `<b>Bo</b>${XSS}` });
});

test.afterAll(() => party?.close());

const commentList = (p: Person) => p.page.getByRole("list", { name: "Comments" });

async function post(p: Person, text: string) {
  await p.page.getByRole("textbox", { name: "Write a comment" }).fill(text);
  await p.page.getByRole("button", { name: "Send" }).click();
}

test("a comment appears live in the other browser, as text", async () => {
  await post(member, `look ${XSS}`);
  await expect(commentList(host)).toContainText(`look ${XSS}`, { timeout: 10_000 });
  await expect(commentList(host)).toContainText(`<b>Bo</b>`);
  // Nothing of it became markup in either browser: no <img>, <script> or <b> inside the
  // sidebar, and nothing ran.
  await expect(commentList(member)).toContainText(`look ${XSS}`);
  for (const p of [host, member]) {
    const injected = await p.page.evaluate(() => {
      const root = document.querySelector("watchium-panel")!.shadowRoot!;
      return root.querySelectorAll(".comments img, .comments script, .comments b, ul[aria-label=Members] b").length;
    });
    expect(injected).toBe(0);
    await expect(p.page).not.toHaveTitle("pwned");
  }
  await expect(host.page.getByRole("list", { name: "Members" })).toContainText("<b>Bo</b>");
});

test("a reply is shown under its comment in both browsers", async () => {
  const thread = commentList(host).getByRole("listitem").filter({ hasText: "look" }).first();
  await thread.getByRole("button", { name: "Reply" }).first().click();
  await expect(host.page.getByText(/Replying to/)).toBeVisible();
  await post(host, "agreed!");
  const replies = member.page.getByRole("list", { name: /Replies to/ });
  await expect(replies).toContainText("agreed!", { timeout: 10_000 });
  await expect(replies).toContainText("Hana");
  // For the README: the sidebar as a member sees it.
  await member.page.getByRole("region", { name: "Watchium" }).screenshot({ path: "docs/screenshots/sidebar.png", timeout: 10_000 });
  await host.page.screenshot({ path: "docs/screenshots/demo-page-host.png", timeout: 10_000 });
});

test("a reaction shows live in the other browser, and toggles back", async () => {
  const item = commentList(member).getByRole("listitem").filter({ hasText: "agreed!" }).last();
  await item.getByRole("button", { name: "React 🔥" }).click();
  const onHost = commentList(host).getByRole("listitem").filter({ hasText: "agreed!" }).last();
  await expect(onHost.getByRole("button", { name: "React 🔥 (1)" })).toBeVisible({ timeout: 10_000 });
  await expect(item.getByRole("button", { name: "React 🔥 (1)" })).toHaveAttribute("aria-pressed", "true");
  await item.getByRole("button", { name: "React 🔥 (1)" }).click();
  await expect(onHost.getByRole("button", { name: "React 🔥", exact: true })).toBeVisible({ timeout: 10_000 });
});

test("a refused reaction says why, under its comment", async () => {
  // Reactions are limited to 30 a minute per person; the toggle test above used 2.
  const item = commentList(member).getByRole("listitem").filter({ hasText: "agreed!" }).last();
  const thumbs = item.getByRole("button", { name: /^React 👍/ });
  for (let i = 0; i < 28; i++) {
    await thumbs.click();
    await expect(thumbs).toHaveAttribute("aria-pressed", i % 2 === 0 ? "true" : "false"); // answered before the next
  }
  await expect(item.getByRole("alert")).toHaveCount(0);
  await thumbs.click();
  await expect(item.getByRole("alert")).toContainText(/Too many reactions\. Try again in \d+ seconds?\./, { timeout: 10_000 });
});

test("clicking a comment's time stamp takes the room there", async () => {
  await act(host.page, "play");
  await act(host.page, { seek: 90 });
  await convergence(host.page, member.page, 50);
  await post(member, "at ninety");
  await act(host.page, { seek: 200 });
  await convergence(host.page, member.page, 50);
  // The member clicks the stamp: a request to the host, and everyone goes back.
  const item = commentList(member).getByRole("listitem").filter({ hasText: "at ninety" });
  await item.getByRole("button", { name: /^Go to 1:3\d$/ }).click();
  await expect.poll(async () => (await read(host.page)).position, { timeout: 8000 }).toBeLessThan(100);
  await convergence(host.page, member.page, 50);
});

test("the composer counts characters", async () => {
  const box = member.page.getByRole("textbox", { name: "Write a comment" });
  await box.fill("12345");
  await expect(member.page.getByText("5 / 2000")).toBeVisible();
});

test("the host pins the episode's thread; it stays on top for everyone", async () => {
  await host.page.getByRole("textbox", { name: "Write a comment" }).fill("Episode 1 discussion");
  await host.page.getByLabel("Pin as this episode's thread").check();
  await host.page.getByRole("button", { name: "Send" }).click();
  const first = commentList(member).getByRole("listitem").first();
  await expect(first).toContainText("Episode 1 discussion", { timeout: 10_000 });
  await expect(first).toContainText("pinned");
  await expect(host.page.getByLabel("Pin as this episode's thread")).toBeHidden(); // one per episode
});

test("when the host ends the room, members are told", async () => {
  host.page.once("dialog", (d) => void d.accept());
  await host.page.getByRole("button", { name: "End room for everyone" }).click();
  await expect(member.page.getByText("The host ended this room.")).toBeVisible({ timeout: 10_000 });
  await expect(member.page.getByRole("button", { name: "Join room" })).toBeVisible();
});
