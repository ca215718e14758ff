/**
 * A TCP proxy in front of the local stack for one person: cutting it drops their open
 * connections and refuses new ones for a while, like a network outage on their side only.
 */
import { createServer, type Socket, connect } from "node:net";
import type { AddressInfo } from "node:net";

export interface CutProxy {
  url: string;
  cut(forMs: number): void;
  close(): Promise<void>;
}

export async function startCutProxy(targetUrl: string): Promise<CutProxy> {
  const target = new URL(targetUrl);
  const open = new Set<Socket>();
  let blockedUntil = 0;
  const server = createServer((client) => {
    if (Date.now() < blockedUntil) return void client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    open.add(client);
    open.add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut(forMs) {
      blockedUntil = Date.now() + forMs;
      for (const s of open) s.destroy();
      open.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
