import type { HandlerDeps } from "../define-handler.ts";
import { CORS_HEADERS, jsonResponse } from "../http.ts";

/** Liveness and database reachability; no sign-in needed. */
export async function health(req: Request, deps: HandlerDeps): Promise<Response> {
  if (req.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS_HEADERS });
  try {
    const [row] = await deps.db.query<{ counts: { rooms: number; members: number; comments: number } }>(
      `select jsonb_build_object(
         'rooms', (select count(*) from public.rooms),
         'members', (select count(*) from public.room_members),
         'comments', (select count(*) from public.comments)) as counts`,
    );
    return jsonResponse(200, { data: { status: "ok", database: "ok", time: deps.now().toISOString(), counts: row.counts } });
  } catch (err) {
    deps.logError?.(err);
    return jsonResponse(503, { error: { code: "database_unavailable", message: "The database is not reachable." } });
  }
}
