import browser from "webextension-polyfill";
import { defineBackground } from "wxt/utils/define-background";
import { listenForMessages } from "../../background/message-router.ts";
import { forgetTab, restoreSessions } from "../../background/sessions.ts";

// Wiring only: sessions, messages and tab lifetimes live in extension/background/.
export default defineBackground(() => {
  listenForMessages();
  browser.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));
  void restoreSessions();
});
