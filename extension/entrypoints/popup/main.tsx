import { h, render } from "preact";
import { PopupApp } from "../../popup/popup-app.tsx";
import { activeTabId, popupClient } from "../../popup/popup-client.ts";

// Wiring only: the popup acts on the active tab.
void activeTabId().then((tabId) => {
  const root = document.getElementById("app")!;
  if (tabId === undefined) root.textContent = "Open a tab with a video first.";
  else render(h(PopupApp, { client: popupClient(tabId) }), root);
});
