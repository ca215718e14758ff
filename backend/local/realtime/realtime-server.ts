/**
 * The local stack's Realtime: WebSocket endpoint /realtime/v1/websocket, the REST
 * broadcast API, and delivery of realtime.send() rows (NOTIFY → fetch → fan out).
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { JwtClaims } from "../../supabase/functions/_shared/jwt.ts";
import type { LocalDatabase } from "../database.ts";
import { authorizeChannel } from "./authorizer.ts";
import { Connection } from "./connection.ts";
import type { Vsn } from "./frames.ts";
import { Hub } from "./hub.ts";
import { REALTIME_LIMITS } from "./limits.ts";
import { createMessageRelay } from "./message-relay.ts";
import { checkToken } from "./tokens.ts";

export interface RealtimeOptions {
  server: Server;
  db: LocalDatabase;
  jwtSecret: string;
  apiKeys: string[];
  now: () => number;
  log: (line: string) => void;
}

export interface Realtime {
  readonly hub: Hub;
  connectionCount(): number;
  /** Drops every socket (tests: a server-side disconnect the clients must recover from). */
  disconnectAll(): void;
  close(): Promise<void>;
}

export const SEND_CHANNEL = "watchium_realtime_send";

export async function startRealtime(opts: RealtimeOptions): Promise<Realtime> {
  const hub = new Hub();
  const wss = new WebSocketServer({ noServer: true, maxPayload: REALTIME_LIMITS.maxFrameBytes });
  const sockets = new Set<WebSocket>();

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== "/realtime/v1/websocket" && url.pathname !== "/realtime/v1/websocket/") {
      socket.destroy();
      return;
    }
    const apikey = url.searchParams.get("apikey") ?? (req.headers["x-api-key"] as string | undefined) ?? (req.headers.apikey as string | undefined);
    const check = apikey && opts.apiKeys.includes(apikey) ? await checkToken(apikey, opts.jwtSecret, opts.now()) : undefined;
    if (!check?.ok) {
      socket.write("HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\n\r\n{\"message\":\"Invalid API key\"}");
      socket.destroy();
      return;
    }
    const vsn: Vsn = url.searchParams.get("vsn") === "2.0.0" ? "2.0.0" : "1.0.0";
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, vsn, check.claims));
  };
  opts.server.on("upgrade", onUpgrade);

  function accept(ws: WebSocket, vsn: Vsn, apiKeyClaims: JwtClaims): void {
    sockets.add(ws);
    const conn = new Connection(ws, vsn, {
      hub,
      jwtSecret: opts.jwtSecret,
      apiKeyClaims,
      authorize: (claims, topic) => authorizeChannel(opts.db, claims, topic),
      now: opts.now,
      log: opts.log,
    });
    ws.on("message", (data, isBinary) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      conn.receive(isBinary ? new Uint8Array(buf) : buf.toString("utf8"));
    });
    ws.on("close", () => {
      sockets.delete(ws);
      conn.closeAll();
    });
    ws.on("error", () => ws.terminate());
  }

  // realtime.send() inserts a row and NOTIFYs its id; the relay fetches and delivers it.
  const relay = createMessageRelay(
    opts.db,
    (row) => hub.broadcast(row.topic, { kind: "user", event: row.event, payload: row.payload, meta: { id: row.id }, private: row.private }),
    opts.log,
  );
  const unlisten = await opts.db.listen(SEND_CHANNEL, relay);

  return {
    hub,
    connectionCount: () => sockets.size,
    disconnectAll() {
      for (const ws of sockets) ws.terminate();
    },
    async close() {
      opts.server.off("upgrade", onUpgrade);
      await unlisten();
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
