/**
 * The one place a caller's identity is decided: the Supabase JWT in `Authorization`.
 * Locally tokens are HS256 with the project's JWT secret; hosted projects with
 * asymmetric signing keys are checked against their JWKS.
 */
import { ApiError } from "./errors.ts";
import { decodeJwt, verifyHs256, verifyWithJwk } from "./jwt.ts";
import { verifiedTokens } from "./verified-tokens.ts";

export interface AuthConfig {
  /** HS256 secret (legacy Supabase projects and the local stack). */
  jwtSecret?: string;
  /** e.g. https://<ref>.supabase.co/auth/v1/.well-known/jwks.json */
  jwksUrl?: string;
}

export interface Caller {
  userId: string;
  isAnonymous: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Authenticator = (req: Request, nowMs: number) => Promise<Caller>;

export function createAuthenticator(config: AuthConfig): Authenticator {
  const jwks = config.jwksUrl ? jwksCache(config.jwksUrl) : undefined;
  const verified = verifiedTokens<Caller>();
  return async (req, nowMs) => {
    const header = req.headers.get("authorization") ?? "";
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (!token) throw unauthorized("Sign in first: send your session token as 'Authorization: Bearer <token>'.");
    const known = verified.get(token, nowMs);
    if (known) return known;
    const jwt = decodeJwt(token);
    if (!jwt) throw unauthorized("The session token is malformed.");
    let valid = false;
    if (jwt.header.alg === "HS256" && config.jwtSecret) {
      valid = await verifyHs256(jwt, config.jwtSecret);
    } else if (jwks && (jwt.header.alg === "ES256" || jwt.header.alg === "RS256")) {
      const key = await jwks(jwt.header.kid);
      valid = key !== undefined && (await verifyWithJwk(jwt, key));
    }
    if (!valid) throw unauthorized("The session token's signature is not valid for this project.");
    const { sub, role, exp } = jwt.claims;
    if (typeof exp !== "number" || exp * 1000 <= nowMs) throw unauthorized("The session token has expired; refresh it.");
    if (role !== "authenticated" || typeof sub !== "string" || !UUID.test(sub)) {
      throw unauthorized("This needs a signed-in user's token (sign in anonymously), not a project API key.");
    }
    const caller: Caller = Object.freeze({ userId: sub.toLowerCase(), isAnonymous: jwt.claims.is_anonymous === true });
    verified.set(token, caller, exp * 1000, nowMs);
    return caller;
  };
}

/** Rejects a body that names a different user than the token does. */
export function assertSameUser(caller: Caller, claimed: string | undefined): void {
  if (claimed !== undefined && claimed.toLowerCase() !== caller.userId) {
    throw new ApiError(403, "forbidden", "user_id does not match the signed-in user.");
  }
}

function unauthorized(message: string): ApiError {
  return new ApiError(401, "unauthorized", message);
}

function jwksCache(url: string): (kid?: string) => Promise<JsonWebKey | undefined> {
  let keys: Array<JsonWebKey & { kid?: string }> = [];
  let fetchedAt = 0;
  return async (kid) => {
    const find = () => keys.find((k) => kid === undefined || k.kid === kid);
    // Refetch at most every 10 minutes, or at once when a new key id appears (rotation).
    if (Date.now() - fetchedAt > 600_000 || !find()) {
      try {
        const res = await fetch(url);
        if (res.ok) {
          keys = ((await res.json()) as { keys?: typeof keys }).keys ?? [];
          fetchedAt = Date.now();
        }
      } catch {
        // Keep the keys we had; an unknown kid then fails verification with a 401.
      }
    }
    return find();
  };
}
