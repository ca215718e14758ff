/**
 * Builds a runtime-neutral handler `(Request, deps) => Promise<Response>` from a
 * function's schema and body. It answers CORS preflights, checks the method and the
 * caller's token, validates input, and turns every expected failure into a 4xx JSON
 * error. Supabase runs it under Deno.serve; the local stack runs the same code in Node.
 */
import type { z } from "zod";
import { assertSameUser, type Authenticator, type Caller } from "./auth.ts";
import type { Sql } from "./db.ts";
import { ApiError } from "./errors.ts";
import { CORS_HEADERS, dataResponse, errorResponse, jsonResponse, queryToObject, readJson, validate } from "./http.ts";

export interface HandlerDeps {
  db: Sql;
  authenticate: Authenticator;
  /** The clock; tests move it instead of waiting. */
  now: () => Date;
  /** Called with unexpected errors (which answer 500 without details). */
  logError?: (err: unknown) => void;
}

export type Handler = (req: Request, deps: HandlerDeps) => Promise<Response>;

export interface HandlerContext<I> {
  input: I;
  caller: Caller;
  deps: HandlerDeps;
  /** ISO timestamp of this request, from deps.now(). */
  now: string;
}

interface Definition<S extends z.ZodType> {
  schema: S;
  /** GET is accepted (fields in the query string) for read-only functions. */
  allowGet?: boolean;
  run: (ctx: HandlerContext<z.infer<S>>) => Promise<unknown>;
}

export function defineHandler<S extends z.ZodType>(def: Definition<S>): Handler {
  return async (req, deps) => {
    if (req.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS_HEADERS });
    try {
      if (req.method !== "POST" && !(def.allowGet && req.method === "GET")) {
        throw new ApiError(405, "method_not_allowed", `Use POST${def.allowGet ? " or GET" : ""}.`);
      }
      const nowDate = deps.now();
      const caller = await deps.authenticate(req, nowDate.getTime());
      const raw = req.method === "GET" ? queryToObject(new URL(req.url)) : await readJson(req);
      const input = validate(def.schema, raw);
      assertSameUser(caller, (input as { user_id?: string; host_user_id?: string }).user_id ??
        (input as { host_user_id?: string }).host_user_id);
      return dataResponse(await def.run({ input, caller, deps, now: nowDate.toISOString() }));
    } catch (err) {
      if (err instanceof ApiError) return errorResponse(err);
      deps.logError?.(err);
      return jsonResponse(500, { error: { code: "internal", message: "Something went wrong on our side. Try again." } });
    }
  };
}
