import { h, render } from "preact";
import { PopupApp } from "../../popup/popup-app.tsx";
import { activeTabId, popupClient } from "../../popup/popup-client.ts";
import { t } from "../../ui/i18n.ts";

// Wiring only: the popup acts on the active tab.
void activeTabId().then((tabId) => {
  const root = document.getElementById("app")!;
  if (tabId === undefined) root.textContent = t("openTabWithVideo");
  else render(h(PopupApp, { client: popupClient(tabId) }), root);
});
