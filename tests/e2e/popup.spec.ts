/**
 * The toolbar popup (opened as a page naming the tab it acts on): create a private room,
 * join by ID with a wrong and then the right key, discover public rooms, test the connection.
 */
import { expect, type Page, test } from "@playwright/test";
import type { LocalStack } from "../../backend/local/server.ts";
import type { Person } from "./support/browsers.ts";
import { PanelPage } from "./support/panel.ts";
import { type Party, startParty } from "./support/party.ts";

test.describe.configure({ mode: "serial" });

let party: Party;
let stack: LocalStack;
let host: Person;
let member: Person;

test.beforeAll(async () => {
  party = await startParty();
  ({ stack, host, member } = party);
  await Promise.all([host.page.goto(`${stack.url}/demo`), member.page.goto(`${stack.url}/demo`)]);
});

test.afterAll(() => party?.close());

/** Opens the popup for the person's demo tab. */
async function openPopup(p: Person): Promise<Page> {
  const extensionId = new URL(p.worker.url()).host;
  const tabId = await p.worker.evaluate(async () => {
    const tabs = await (globalThis as any).chrome.tabs.query({});
    return tabs.find((t: { url?: string }) => t.url?.includes("/demo")).id as number;
  });
  const popup = await p.context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  return popup;
}

let roomId = "";
let key = "";

test("create a private room from the popup: its key is shown, the page joins the room", async () => {
  const popup = await openPopup(host);
  await popup.getByLabel("Display name").first().fill("Hana");
  await popup.getByLabel("Room title").fill("Secret screening");
  await popup.getByLabel("Private room").check();
  await popup.getByRole("button", { name: "Create room" }).click();
  await expect(popup.getByRole("textbox", { name: "Invite link" })).toHaveValue(/#watchium=/);
  key = (await popup.locator(".access-key").textContent()) ?? "";
  expect(key).toMatch(/^\d{6}$/);
  const invite = await popup.getByRole("textbox", { name: "Invite link" }).inputValue();
  expect(invite).not.toContain(key); // the key is never in the link
  roomId = /watchium=([A-Za-z0-9_-]{10})/.exec(invite)![1];
  // The show and episode come from the page (its title says "Episode 1").
  const [room] = await stack.db.query<{ anime_title: string; episode_number: number }>(
    "select anime_title, episode_number from public.rooms where room_id = $1", [roomId]);
  expect(room).toEqual({ anime_title: "Watchium demo — Episode 1", episode_number: 1 });
  await popup.screenshot({ path: "docs/screenshots/popup-room.png", timeout: 10_000 });
  // The tab's own panel shows the room too.
  await new PanelPage(host.page).open();
  await expect(host.page.getByRole("button", { name: "Leave room" })).toBeVisible();
  await popup.close();
});

test("join by room ID: a wrong key is refused with a clear message, the right one admits", async () => {
  const popup = await openPopup(member);
  await popup.getByLabel("Display name").first().fill("Mo");
  await popup.getByLabel("Room ID").fill(roomId);
  await popup.getByLabel("Access key").fill(key === "000000" ? "111111" : "000000");
  await popup.getByRole("button", { name: "Join room" }).click();
  await expect(popup.getByRole("alert")).toContainText("That access key is not right");
  await popup.getByLabel("Access key").fill(key);
  await popup.getByRole("button", { name: "Join room" }).click();
  await expect(popup.getByRole("list", { name: "Members" })).toContainText("Hana (host)");
  await popup.getByRole("button", { name: "Leave room" }).click();
  await expect(popup.getByRole("button", { name: "Join room" })).toBeVisible();
  await popup.close();
});

test("discover lists public rooms with member counts, and joins one", async () => {
  const creator = await openPopup(host);
  await creator.getByRole("button", { name: "Leave room" }).click();
  await creator.getByLabel("Room title").fill("Open screening");
  await creator.getByRole("button", { name: "Create room" }).click();
  await expect(creator.getByRole("textbox", { name: "Invite link" })).toHaveValue(/#watchium=/);
  await creator.close();

  const popup = await openPopup(member);
  const list = popup.getByRole("list", { name: "Public rooms list" });
  await expect(list).toContainText("Open screening");
  await expect(list).toContainText("1 watching");
  await expect(list).not.toContainText("Secret screening");
  await popup.screenshot({ path: "docs/screenshots/popup-discover.png", timeout: 10_000 });
  await popup.getByRole("button", { name: "Join Open screening" }).click();
  await expect(popup.getByRole("list", { name: "Members" })).toContainText("Hana (host)");
  await popup.close();
});

test("settings: test the connection", async () => {
  const popup = await openPopup(member);
  await popup.getByText("Settings", { exact: true }).click();
  await popup.getByRole("button", { name: "Test connection" }).click();
  await expect(popup.getByRole("status")).toContainText("Connected");
  await popup.getByLabel("Backend URL").fill("http://127.0.0.1:9");
  await popup.getByRole("button", { name: "Test connection" }).click();
  await expect(popup.getByRole("status")).toContainText("Could not reach");
  await popup.close();
});

test("an avatar set in settings shows next to the name for the others", async () => {
  const popup = await openPopup(member);
  await popup.getByText("Settings", { exact: true }).click();
  await popup.getByLabel("Backend URL").fill(stack.url);
  await popup.getByLabel("Avatar picture URL").fill(`${stack.url}/demo/avatar.png`);
  await popup.getByRole("button", { name: "Save settings" }).click();
  await expect(popup.getByRole("status")).toContainText("Saved");
  await popup.getByRole("button", { name: "Leave room" }).click();
  await popup.getByRole("button", { name: "Join Open screening" }).click();
  await expect(popup.getByRole("list", { name: "Members" })).toContainText("Hana (host)");
  await popup.close();
  const hostPopup = await openPopup(host);
  await expect(hostPopup.locator(`ul[aria-label="Members"] img[src="${stack.url}/demo/avatar.png"]`)).toHaveCount(1, { timeout: 10_000 });
  await hostPopup.close();
});
