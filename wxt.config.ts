import { defineConfig } from "wxt";

// The extension's source lives in extension/ (WXT srcDir); entrypoints/ only wires.
export default defineConfig({
  srcDir: "extension",
  outDir: ".output",
  // Copied into the build as-is (WXT 0.21 defaults to <root>/public, not <srcDir>/public).
  publicDir: "extension/public",
  manifest: {
    // Text comes from extension/public/_locales/<lang>/messages.json.
    default_locale: "en",
    name: "__MSG_extName__",
    description: "__MSG_extDescription__",
    // WebSocket traffic keeps an MV3 service worker alive from Chrome 116 on.
    minimum_chrome_version: "116",
    permissions: ["storage", "tabs", "clipboardWrite"],
  },
  vite: () => ({
    esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  }),
});
