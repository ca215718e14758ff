/** Checks the JWTs that reach Realtime: the apikey and the user's access_token. */
import { decodeJwt, type JwtClaims, verifyHs256 } from "../../supabase/functions/_shared/jwt.ts";

export type TokenCheck = { ok: true; claims: JwtClaims } | { ok: false; reason: string };

export async function checkToken(token: string, secret: string, nowMs: number): Promise<TokenCheck> {
  const jwt = decodeJwt(token);
  if (!jwt) return { ok: false, reason: "InvalidJWTToken: The token is not a JWT" };
  if (!(await verifyHs256(jwt, secret))) {
    return { ok: false, reason: "InvalidJWTToken: Signature verification failed" };
  }
  const { exp } = jwt.claims;
  if (typeof exp === "number" && exp * 1000 <= nowMs) {
    return { ok: false, reason: `InvalidJWTToken: Token has expired ${Math.round(nowMs / 1000 - exp)} seconds ago` };
  }
  return { ok: true, claims: jwt.claims };
}
