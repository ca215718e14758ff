import { defineConfig } from "wxt";

// The extension's source lives in extension/ (WXT srcDir); entrypoints/ only wires.
export default defineConfig({
  srcDir: "extension",
  outDir: ".output",
  manifest: {
    name: "Watchium",
    description: "Watch a video together with friends, in sync, on the sites you already use.",
    // WebSocket traffic keeps an MV3 service worker alive from Chrome 116 on.
    minimum_chrome_version: "116",
    permissions: ["storage", "tabs", "clipboardWrite"],
  },
  vite: () => ({
    esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  }),
});
