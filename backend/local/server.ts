/**
 * The local stack: one Node process that looks like a Supabase project to the
 * extension and to supabase-js. Routes:
 *   GET  /health                      status and counts
 *   *    /auth/v1/...                 anonymous sign-in (auth-routes.ts)
 *   POST /functions/v1/<name>         the edge-function handlers, unchanged
 *   WS   /realtime/v1/websocket        Supabase Realtime (realtime/)
 *   POST /realtime/v1/api/broadcast    REST broadcast
 *   GET  /demo                         a page with a sample video
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAuthenticator } from "../supabase/functions/_shared/auth.ts";
import type { HandlerDeps } from "../supabase/functions/_shared/define-handler.ts";
import { HANDLERS } from "../supabase/functions/_shared/handlers/index.ts";
import { jsonResponse } from "../supabase/functions/_shared/http.ts";
import { handleAuth } from "./auth-routes.ts";
import type { LocalStackConfig } from "./config.ts";
import type { LocalDatabase } from "./database.ts";
import { handleDemo } from "./demo.ts";
import { sendWebResponse, toWebRequest } from "./node-http.ts";
import { authorizeChannel } from "./realtime/authorizer.ts";
import { handleBroadcastApi } from "./realtime/broadcast-api.ts";
import { type Realtime, startRealtime } from "./realtime/realtime-server.ts";

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface LocalStack {
  readonly url: string;
  readonly anonKey: string;
  readonly serviceRoleKey: string;
  readonly db: LocalDatabase;
  readonly server: Server;
  readonly realtime: Realtime;
  /** One cleanup pass at the stack's clock (the timer calls this too). */
  runCleanup(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export interface StartOptions {
  config: LocalStackConfig;
  db: LocalDatabase;
  clock?: Clock;
  log?: (line: string) => void;
}

export async function startLocalStack({ config, db, clock = systemClock, log = () => {} }: StartOptions): Promise<LocalStack> {
  const authenticate = createAuthenticator({ jwtSecret: config.jwtSecret });
  const deps: HandlerDeps = {
    db,
    authenticate,
    now: () => clock.now(),
    logError: (err) => log(`function error: ${(err as Error)?.stack ?? String(err)}`),
  };
  const startedAt = Date.now();
  let origin = "";
  const apiKeys = [config.anonKey, config.serviceRoleKey];
  let realtime: Realtime | undefined;

  const server = createServer(async (req, res) => {
    try {
      if (req.url?.startsWith("/demo") && (await handleDemo(req, res))) return;
      const request = await toWebRequest(req, origin);
      if (request === "too_large") {
        await sendWebResponse(res, jsonResponse(413, { error: { code: "too_large", message: "The request body is too large." } }));
        return;
      }
      await sendWebResponse(res, await route(request));
    } catch (err) {
      log(`request error: ${(err as Error)?.stack ?? String(err)}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "internal", message: "Something went wrong on our side." } }));
    }
  });

  async function route(req: Request): Promise<Response> {
    const path = new URL(req.url).pathname;
    if (path === "/health" || path === "/") {
      const inner = await HANDLERS.health(req, deps);
      if (!inner.ok) return inner;
      const { data } = (await inner.json()) as { data: Record<string, unknown> };
      return jsonResponse(200, { ...data, database_kind: db.kind, uptime_seconds: Math.round((Date.now() - startedAt) / 1000) });
    }
    const fn = /^\/functions\/v1\/([a-z0-9-]+)\/?$/.exec(path);
    if (fn) {
      const handler = HANDLERS[fn[1]];
      if (!handler) return jsonResponse(404, { error: { code: "not_found", message: `There is no function named ${fn[1]}.` } });
      return handler(req, deps);
    }
    const broadcast = /^\/realtime\/v1\/api\/broadcast(\/.*)?$/.exec(path);
    if (broadcast && realtime) {
      return handleBroadcastApi(req, broadcast[1] ?? "", {
        hub: realtime.hub,
        jwtSecret: config.jwtSecret,
        apiKeys,
        authorize: (claims, topic) => authorizeChannel(db, claims, topic),
        now: () => clock.now().getTime(),
      });
    }
    const auth = /^\/auth\/v1\/([a-z_]+)\/?$/.exec(path);
    if (auth) {
      return handleAuth(req, auth[1], {
        db,
        authenticate,
        jwtSecret: config.jwtSecret,
        apiKeys,
        expirySeconds: config.jwtExpirySeconds,
        issuer: `${origin}/auth/v1`,
        now: () => clock.now(),
      });
    }
    return jsonResponse(404, { error: { code: "not_found", message: `Nothing is served at ${path}.` } });
  }

  async function runCleanup(): Promise<Record<string, number>> {
    const [row] = await db.query<{ result: Record<string, number> }>(
      "select watchium.cleanup($1::text::timestamptz) as result",
      [clock.now().toISOString()],
    );
    return row.result;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://${config.host}:${address.port}`;
  realtime = await startRealtime({
    server,
    db,
    jwtSecret: config.jwtSecret,
    apiKeys,
    now: () => clock.now().getTime(),
    log,
  });

  const timer = config.cleanupIntervalSeconds > 0
    ? setInterval(() => {
      runCleanup().then(
        (r) => Object.values(r).some((n) => n > 0) && log(`cleanup: ${JSON.stringify(r)}`),
        (err) => log(`cleanup failed: ${(err as Error).message}`),
      );
    }, config.cleanupIntervalSeconds * 1000)
    : undefined;
  timer?.unref();

  return {
    url: origin,
    anonKey: config.anonKey,
    serviceRoleKey: config.serviceRoleKey,
    db,
    server,
    realtime,
    runCleanup,
    async close() {
      if (timer) clearInterval(timer);
      await realtime!.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
