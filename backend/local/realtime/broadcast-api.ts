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
  if (!apikey || !deps.apiKeys.includes(apikey)) return json(401, { message: "Unauthorized" });
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.get("authorization") ?? "")?.[1] ?? apikey;
  const token = await checkToken(bearer, deps.jwtSecret, deps.now());
  if (!token.ok) return json(401, { message: "Unauthorized" });

  const text = await req.text();
  const single = /^\/([^/]+)\/events\/([^/]+)$/.exec(subpath);
  if (single) return sendOne(decodeURIComponent(single[1]), decodeURIComponent(single[2]), req, text, token.claims, deps);
  if (subpath !== "" && subpath !== "/") return json(404, { message: "Not found" });

  let body: unknown;
  try {
    body = JSON.parse(text || "{}");
  } catch {
    return json(422, { errors: { messages: ["is not valid JSON"] } });
  }
  const parsed = Body.safeParse(body);
  if (!parsed.success) return json(422, { errors: { messages: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) } });
  for (const m of parsed.data.messages) {
    if (JSON.stringify(m.payload ?? null).length > REALTIME_LIMITS.maxPayloadBytes) {
      return json(422, { errors: { messages: ["Payload size exceeds tenant limit"] } });
    }
  }
  for (const m of parsed.data.messages) {
    const isPrivate = m.private === true;
    // A private message goes out only if the caller could send on that channel itself;
    // otherwise it is dropped and the answer is still 202, as on Supabase.
    if (isPrivate && !(await deps.authorize(token.claims, m.topic)).writeBroadcast) continue;
    deps.hub.broadcast(m.topic, { kind: "text", event: m.event, payload: m.payload ?? {}, private: isPrivate });
  }
  return accepted();
}

/** httpSend(): one message, body = payload; a refused private send is a 403 here. */
async function sendOne(
  topic: string,
  event: string,
  req: Request,
  text: string,
  claims: JwtClaims,
  deps: BroadcastApiDeps,
): Promise<Response> {
  const isPrivate = new URL(req.url).searchParams.get("private") === "true";
  if (text.length > REALTIME_LIMITS.maxPayloadBytes) return json(422, { errors: { payload: ["Payload size exceeds tenant limit"] } });
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return json(422, { errors: { payload: ["can't be blank"] } });
  }
  if (isPrivate && !(await deps.authorize(claims, topic)).writeBroadcast) return json(403, { message: "Unauthorized" });
  deps.hub.broadcast(topic, { kind: "user", event, payload, private: isPrivate });
  return accepted();
}

function accepted(): Response {
  return new Response(null, { status: 202, headers: { "access-control-allow-origin": "*" } });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "access-control-allow-origin": "*" } });
}
