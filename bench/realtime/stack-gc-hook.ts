/**
 * Preloaded into the stack process by the benchmark (node --expose-gc --import): a full
 * garbage collection on SIGUSR2, so "idle" memory is measured without the garbage that
 * startup (migrations) leaves until V8's next major GC. Backend code is not touched.
 */
process.on("SIGUSR2", () => (globalThis as { gc?: () => void }).gc?.());
