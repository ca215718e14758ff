/** Page object for the in-page panel, by the UI contract's accessible names. */
import { expect, type Page } from "@playwright/test";

export class PanelPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    const launcher = this.page.getByRole("button", { name: "Open Watchium" });
    await launcher.waitFor();
    if ((await launcher.getAttribute("aria-expanded")) !== "true") await launcher.click();
  }

  async createRoom(opts: { name: string; title: string; private?: boolean }): Promise<{ roomId: string; invite: string; key?: string }> {
    await this.open();
    await this.page.getByLabel("Display name").fill(opts.name);
    await this.page.getByLabel("Room title").fill(opts.title);
    if (opts.private) await this.page.getByLabel("Private room").check();
    await this.page.getByRole("button", { name: "Create room" }).click();
    const invite = this.page.getByRole("textbox", { name: "Invite link" });
    await expect(invite).toHaveValue(/#watchium=/, { timeout: 15_000 });
    const link = await invite.inputValue();
    const key = opts.private ? (await this.page.locator(".access-key").textContent()) ?? undefined : undefined;
    return { roomId: /watchium=([A-Za-z0-9_-]{10})/.exec(link)![1], invite: link, key };
  }

  async join(opts: { name: string; roomId?: string; key?: string }): Promise<void> {
    await this.open();
    await this.page.getByLabel("Display name").fill(opts.name);
    if (opts.roomId) await this.page.getByLabel("Room ID").fill(opts.roomId);
    if (opts.key) await this.page.getByLabel("Access key").fill(opts.key);
    await this.page.getByRole("button", { name: "Join room" }).click();
    await expect(this.page.getByRole("button", { name: "Leave room" })).toBeVisible({ timeout: 15_000 });
  }

  members() {
    return this.page.getByRole("list", { name: "Members" });
  }
}
