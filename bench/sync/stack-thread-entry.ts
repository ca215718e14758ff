/** Worker-thread side of stack-thread.ts: runs the e2e stack, answers counts, closes on request. */
import { parentPort } from "node:worker_threads";
import { startE2eStack } from "../../tests/e2e/support/stack.ts";

const port = parentPort!;
const stack = await startE2eStack();
port.on("message", async (request: string) => {
  if (request === "delivered") port.postMessage({ kind: "delivered", count: stack.realtime.hub.delivered });
  if (request === "close") {
    await stack.close();
    port.postMessage({ kind: "closed" });
  }
});
port.postMessage({ kind: "ready", url: stack.url, anonKey: stack.anonKey });
