import { defineContentScript } from "wxt/utils/define-content-script";
import { startContent } from "../../content/main.ts";

// Wiring only: every frame, so players inside iframes are found too.
export default defineContentScript({
  matches: ["<all_urls>"],
  allFrames: true,
  runAt: "document_idle",
  main(ctx) {
    startContent(ctx.signal);
  },
});
