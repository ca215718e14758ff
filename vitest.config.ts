import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "extension/**/*.test.ts", "backend/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each backend file starts its own stack; two cores, so keep the pool small.
    maxWorkers: 2,
  },
});
