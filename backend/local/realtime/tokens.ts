/**
 * Checks the JWTs that reach Realtime: the apikey and the user's access_token. The texts
 * are the Realtime server's (channels_authorization.ex, realtime_channel.ex): `reason`
 * for a refused join, `message` for the system error that closes a joined channel.
 */
import { decodeJwt, type JwtClaims, verifyHs256 } from "../../supabase/functions/_shared/jwt.ts";

export type TokenCheck = { ok: true; claims: JwtClaims } | { ok: false; reason: string; message: string };

export async function checkToken(token: string, secret: string, nowMs: number): Promise<TokenCheck> {
  const jwt = decodeJwt(token);
  if (!jwt) return fail("MalformedJWT", "The token provided is not a valid JWT");
  if (!(await verifyHs256(jwt, secret))) {
    return { ok: false, reason: "JwtSignatureError: Failed to validate JWT signature", message: ":signature_error" };
  }
  const { exp, role } = jwt.claims;
  if (typeof exp !== "number" || typeof role !== "string") {
    return fail("InvalidJWTToken", "Fields `role` and `exp` are required in JWT");
  }
  if (exp * 1000 <= nowMs) return fail("InvalidJWTToken", `Token has expired ${Math.floor(nowMs / 1000 - exp)} seconds ago`);
  return { ok: true, claims: jwt.claims };
}

function fail(code: string, message: string): TokenCheck {
  return { ok: false, reason: `${code}: ${message}`, message };
}
