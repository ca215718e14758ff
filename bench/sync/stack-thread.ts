/**
 * The local stack for bench:sync in a worker thread of its own: same process and machine,
 * but its event loop no longer waits behind the Playwright driver's (which polls every
 * page every 20–100 ms), as a real Realtime server does not wait behind its clients.
 */
import { Worker } from "node:worker_threads";
import { tsWorkerSource } from "../support/ts-worker.ts";

const BOOT = tsWorkerSource(new URL("./stack-thread-entry.ts", import.meta.url).href);

export interface StackThread {
  url: string;
  anonKey: string;
  /** Realtime messages the stack has handed to sockets so far. */
  delivered(): Promise<number>;
  close(): Promise<void>;
}

type Reply = { kind: "ready"; url: string; anonKey: string } | { kind: "delivered"; count: number } | { kind: "closed" };

export function startStackThread(): Promise<StackThread> {
  const worker = new Worker(BOOT, { eval: true });
  const ask = <K extends Reply["kind"]>(kind: K, send?: string) =>
    new Promise<Extract<Reply, { kind: K }>>((resolve, reject) => {
      const onMessage = (reply: Reply) => {
        if (reply.kind !== kind) return;
        worker.off("message", onMessage);
        resolve(reply as Extract<Reply, { kind: K }>);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
      if (send) worker.postMessage(send);
    });
  return ask("ready").then(({ url, anonKey }) => ({
    url,
    anonKey,
    delivered: async () => (await ask("delivered", "delivered")).count,
    close: async () => {
      await ask("closed", "close");
      await worker.terminate();
    },
  }));
}
