/**
 * Faults a watch party must survive: a member's network drops for 10 s, and the
 * extension's service worker is stopped (Chrome does this to idle MV3 workers).
 */
import { expect, test } from "@playwright/test";
import type { LocalStack } from "../../backend/local/server.ts";
import type { Person } from "./support/browsers.ts";
import { type CutProxy, startCutProxy } from "./support/cut-proxy.ts";
import { PanelPage } from "./support/panel.ts";
import { type Party, startParty } from "./support/party.ts";
import { act, convergence, read } from "./support/video.ts";

test.describe.configure({ mode: "serial" });

let party: Party;
let stack: LocalStack;
let proxy: CutProxy;
let host: Person;
let member: Person;

test.beforeAll(async () => {
  // The member reaches the backend through a proxy, so only their connection is cut.
  party = await startParty(async (s) => {
    proxy = await startCutProxy(s.url);
    return proxy.url;
  });
  ({ stack, host, member } = party);
  await host.page.goto(`${stack.url}/demo`);
  const { invite } = await new PanelPage(host.page).createRoom({ name: "Host", title: "Faults" });
  await member.page.goto(invite);
  await new PanelPage(member.page).join({ name: "Member" });
  await act(host.page, "play");
  await convergence(host.page, member.page, 50);
});

test.afterAll(async () => {
  await party?.close();
  await proxy?.close();
});

test("a member cut off for 10 s rejoins and resyncs by itself", async () => {
  proxy.cut(10_000);
  // Meanwhile the host seeks: the member can only learn of it after reconnecting.
  await act(host.page, { seek: 150 });
  await expect(member.page.getByText("Connection lost — reconnecting…")).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => (await read(member.page)).position, { timeout: 40_000, intervals: [500] }).toBeGreaterThan(150);
  await convergence(host.page, member.page, 50, 10_000);
  await expect(member.page.getByText("Connection lost — reconnecting…")).toBeHidden();
});

test("after the service worker is stopped the session comes back", async () => {
  const cdp = await member.context.newCDPSession(member.page);
  const { targetInfos } = await cdp.send("Target.getTargets");
  const worker = targetInfos.find((t) => t.type === "service_worker" && t.url.startsWith("chrome-extension://"));
  expect(worker).toBeDefined();
  await cdp.send("Target.closeTarget", { targetId: worker!.targetId });
  // The content script's next message wakes the worker, which rejoins the room from storage.session.
  await act(host.page, { seek: 220 });
  await expect.poll(async () => (await read(member.page)).position, { timeout: 40_000, intervals: [500] }).toBeGreaterThan(220);
  await convergence(host.page, member.page, 50, 10_000);
  await expect(new PanelPage(member.page).members()).toContainText("Host (host)");
});
