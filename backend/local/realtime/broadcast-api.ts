/**
 * Supabase's REST broadcast endpoints:
 *   POST /realtime/v1/api/broadcast  {messages: [{topic, event, payload, private?}]} → 202
 *   POST /realtime/v1/api/broadcast/<topic>/events/<event>[?private=true]  body = payload → 202
 * Private messages need the caller's token to pass the topic's INSERT policy.
 */
import { z } from "zod";
import type { JwtClaims } from "../../supabase/functions/_shared/jwt.ts";
import type { ChannelPermissions } from "./authorizer.ts";
import type { Hub } from "./hub.ts";
import { REALTIME_LIMITS } from "./limits.ts";
import { checkToken } from "./tokens.ts";

const Message = z.object({
  topic: z.string().min(1).max(255),
  event: z.string().min(1).max(255),
  payload: z.unknown().optional(),
  private: z.boolean().optional(),
});
const Body = z.object({ messages: z.array(Message).min(1).max(100) });

export interface BroadcastApiDeps {
  hub: Hub;
  jwtSecret: string;
  apiKeys: string[];
  authorize(claims: JwtClaims, topic: string): Promise<ChannelPermissions>;
  now(): number;
}

export async function handleBroadcastApi(req: Request, subpath: string, deps: BroadcastApiDeps): Promise<Response> {
  if (req.method !== "POST") return json(405, { error: "Use POST" });
  const apikey = req.headers.get("apikey");
  if (!apikey || !deps.apiKeys.includes(apikey)) return json(401, { message: "Invalid API key" });
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.get("authorization") ?? "")?.[1] ?? apikey;
  const token = await checkToken(bearer, deps.jwtSecret, deps.now());
  if (!token.ok) return json(401, { message: token.reason });

  const text = await req.text();
  if (text.length > REALTIME_LIMITS.maxPayloadBytes * 4) return json(413, { message: "Payload too large" });
  let messages: z.infer<typeof Message>[];
  const single = /^\/([^/]+)\/events\/([^/]+)$/.exec(subpath);
  try {
    if (single) {
      const isPrivate = new URL(req.url).searchParams.get("private") === "true";
      messages = [{ topic: decodeURIComponent(single[1]), event: decodeURIComponent(single[2]), payload: JSON.parse(text || "null"), private: isPrivate }];
    } else if (subpath === "" || subpath === "/") {
      const parsed = Body.safeParse(JSON.parse(text || "{}"));
      if (!parsed.success) return json(422, { message: "Invalid broadcast body", errors: parsed.error.issues.map((i) => i.message) });
      messages = parsed.data.messages;
    } else {
      return json(404, { message: "Not found" });
    }
  } catch {
    return json(422, { message: "Body is not valid JSON" });
  }

  for (const m of messages) {
    if (JSON.stringify(m.payload ?? null).length > REALTIME_LIMITS.maxPayloadBytes) return json(413, { message: "Payload too large" });
  }
  for (const m of messages) {
    const isPrivate = m.private === true;
    // A private message is sent only if the caller could send on that channel itself.
    if (isPrivate && !(await deps.authorize(token.claims, m.topic)).writeBroadcast) continue;
    deps.hub.broadcast(m.topic, { event: m.event, payload: m.payload ?? {}, private: isPrivate });
  }
  return new Response(null, { status: 202, headers: { "access-control-allow-origin": "*" } });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "access-control-allow-origin": "*" } });
}
