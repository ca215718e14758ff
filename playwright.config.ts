import { defineConfig } from "@playwright/test";

// Browsers are Debian's chromium, started by the fixtures with the built extension
// (.output/chrome-mv3); Playwright never downloads one.
export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  timeout: 120_000,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: ".watchium/test-results",
});
