/**
 * The anonymous subset of Supabase Auth (GoTrue) that supabase-js uses:
 * POST /auth/v1/signup (anonymous), POST /auth/v1/token?grant_type=refresh_token,
 * GET /auth/v1/user and POST /auth/v1/logout. Tokens are HS256 JWTs shaped like GoTrue's.
 */
import { randomUUID } from "node:crypto";
import { base64UrlEncode, signHs256 } from "../supabase/functions/_shared/jwt.ts";
import type { Authenticator } from "../supabase/functions/_shared/auth.ts";
import type { LocalDatabase } from "./database.ts";

export interface AuthDeps {
  db: LocalDatabase;
  authenticate: Authenticator;
  jwtSecret: string;
  apiKeys: string[];
  expirySeconds: number;
  issuer: string;
  now: () => Date;
}

interface UserRow {
  id: string;
  raw_user_meta_data: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
}

/** Seconds during which a just-rotated refresh token still works (GoTrue's reuse interval). */
const REUSE_INTERVAL_MS = 10_000;

export async function handleAuth(req: Request, path: string, deps: AuthDeps): Promise<Response> {
  if (req.method === "OPTIONS") return new Response(null, { status: 204, headers: AUTH_CORS });
  const apikey = req.headers.get("apikey") ?? new URL(req.url).searchParams.get("apikey");
  if (!apikey || !deps.apiKeys.includes(apikey)) {
    return authError(401, "no_authorization", "Invalid API key: send the project's anon key in the apikey header.");
  }
  try {
    if (path === "signup" && req.method === "POST") return await signUpAnonymously(req, deps);
    if (path === "token" && req.method === "POST") return await refresh(req, deps);
    if (path === "user" && req.method === "GET") return await currentUser(req, deps);
    if (path === "logout" && req.method === "POST") return await logout(req, deps);
    return authError(404, "not_found", `The local stack implements anonymous sign-in only; /auth/v1/${path} is not available.`);
  } catch (err) {
    if (err instanceof AuthFailure) return authError(err.status, err.code, err.message);
    throw err;
  }
}

class AuthFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

async function signUpAnonymously(req: Request, deps: AuthDeps): Promise<Response> {
  const body = await readBody(req);
  if (body.email !== undefined || body.phone !== undefined || body.password !== undefined) {
    throw new AuthFailure(422, "validation_failed", "Only anonymous sign-in is available on the local stack.");
  }
  const data = typeof body.data === "object" && body.data !== null ? body.data : {};
  const now = deps.now().toISOString();
  const [user] = await deps.db.query<UserRow>(
    `insert into auth.users (id, raw_user_meta_data, created_at, updated_at, last_sign_in_at)
     values ($1::text::uuid, $2::text::jsonb, $3::text::timestamptz, $3::text::timestamptz, $3::text::timestamptz)
     returning id, raw_user_meta_data, created_at, updated_at, last_sign_in_at`,
    [randomUUID(), JSON.stringify(data), now],
  );
  return json(200, await issueSession(user, randomUUID(), deps));
}

async function refresh(req: Request, deps: AuthDeps): Promise<Response> {
  if (new URL(req.url).searchParams.get("grant_type") !== "refresh_token") {
    throw new AuthFailure(400, "unsupported_grant_type", "Only grant_type=refresh_token is supported locally.");
  }
  const { refresh_token } = await readBody(req);
  if (typeof refresh_token !== "string") throw new AuthFailure(400, "validation_failed", "refresh_token is required.");
  const nowMs = deps.now().getTime();
  const [row] = await deps.db.query<{ user_id: string; session_id: string; revoked_at: string | null }>(
    "select user_id, session_id, revoked_at from auth.refresh_tokens where token = $1",
    [refresh_token],
  );
  if (!row || (row.revoked_at !== null && nowMs - new Date(row.revoked_at).getTime() > REUSE_INTERVAL_MS)) {
    throw new AuthFailure(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
  }
  await deps.db.query(
    "update auth.refresh_tokens set revoked = true, revoked_at = coalesce(revoked_at, $2::text::timestamptz) where token = $1",
    [refresh_token, new Date(nowMs).toISOString()],
  );
  const [user] = await deps.db.query<UserRow>(
    "select id, raw_user_meta_data, created_at, updated_at, last_sign_in_at from auth.users where id = $1::text::uuid",
    [row.user_id],
  );
  if (!user) throw new AuthFailure(404, "user_not_found", "User not found.");
  return json(200, await issueSession(user, row.session_id, deps));
}

async function currentUser(req: Request, deps: AuthDeps): Promise<Response> {
  const user = await requireUser(req, deps);
  return json(200, userJson(user));
}

async function logout(req: Request, deps: AuthDeps): Promise<Response> {
  const user = await requireUser(req, deps);
  // Backdated past the reuse interval: after a logout no refresh token works, not even briefly.
  await deps.db.query(
    "update auth.refresh_tokens set revoked = true, revoked_at = now() - interval '1 hour' where user_id = $1::text::uuid",
    [user.id],
  );
  return new Response(null, { status: 204, headers: AUTH_CORS });
}

async function requireUser(req: Request, deps: AuthDeps): Promise<UserRow> {
  let userId: string;
  try {
    userId = (await deps.authenticate(req, deps.now().getTime())).userId;
  } catch (err) {
    throw new AuthFailure(401, "bad_jwt", (err as Error).message);
  }
  const [user] = await deps.db.query<UserRow>(
    "select id, raw_user_meta_data, created_at, updated_at, last_sign_in_at from auth.users where id = $1::text::uuid",
    [userId],
  );
  if (!user) throw new AuthFailure(403, "user_not_found", "User from sub claim in JWT does not exist");
  return user;
}

async function issueSession(user: UserRow, sessionId: string, deps: AuthDeps) {
  const iat = Math.floor(deps.now().getTime() / 1000);
  const refreshToken = base64UrlEncode(crypto.getRandomValues(new Uint8Array(24)));
  await deps.db.query(
    "insert into auth.refresh_tokens (token, user_id, session_id, created_at) values ($1, $2::text::uuid, $3::text::uuid, $4::text::timestamptz)",
    [refreshToken, user.id, sessionId, new Date(iat * 1000).toISOString()],
  );
  const accessToken = await signHs256(
    {
      iss: deps.issuer,
      sub: user.id,
      aud: "authenticated",
      exp: iat + deps.expirySeconds,
      iat,
      email: "",
      phone: "",
      app_metadata: { provider: "anonymous", providers: ["anonymous"] },
      user_metadata: user.raw_user_meta_data,
      role: "authenticated",
      aal: "aal1",
      amr: [{ method: "anonymous", timestamp: iat }],
      session_id: sessionId,
      is_anonymous: true,
    },
    deps.jwtSecret,
  );
  return {
    access_token: accessToken,
    token_type: "bearer",
    expires_in: deps.expirySeconds,
    expires_at: iat + deps.expirySeconds,
    refresh_token: refreshToken,
    user: userJson(user),
  };
}

function userJson(user: UserRow) {
  const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
  return {
    id: user.id,
    aud: "authenticated",
    role: "authenticated",
    email: "",
    phone: "",
    app_metadata: { provider: "anonymous", providers: ["anonymous"] },
    user_metadata: user.raw_user_meta_data,
    identities: [],
    created_at: iso(user.created_at),
    updated_at: iso(user.updated_at),
    last_sign_in_at: iso(user.last_sign_in_at),
    is_anonymous: true,
  };
}

async function readBody(req: Request): Promise<Record<string, unknown>> {
  try {
    const parsed = JSON.parse((await req.text()) || "{}");
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    throw new AuthFailure(400, "bad_json", "Could not parse request body as JSON.");
  }
}

const AUTH_CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, x-client-info, apikey, content-type, x-supabase-api-version",
  "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...AUTH_CORS } });
}

function authError(status: number, code: string, msg: string): Response {
  return json(status, { code: status, error_code: code, msg });
}
