/**
 * A bounded memory of tokens whose signature and claims already checked out, so a client
 * sending the same token on every request costs one Map lookup instead of a Web Crypto
 * verification (an async hop to a worker thread) each time. Only the outcome of checks
 * that cannot change is kept: expiry is checked again on every use, and an entry is
 * forgotten after `maxAgeMs` (as long as a JWKS is trusted without refetching), so a key
 * removed from the project's JWKS stops working as soon as it would without the cache.
 */
export interface VerifiedTokens<T> {
  get(token: string, nowMs: number): T | undefined;
  set(token: string, value: T, expMs: number, nowMs: number): void;
}

export function verifiedTokens<T>(maxEntries = 10_000, maxAgeMs = 600_000): VerifiedTokens<T> {
  // Map keeps insertion order: the first key is the oldest entry.
  const entries = new Map<string, { value: T; expMs: number; untilMs: number }>();
  return {
    get(token, nowMs) {
      const entry = entries.get(token);
      if (!entry) return undefined;
      if (entry.expMs <= nowMs || entry.untilMs <= nowMs || nowMs < entry.untilMs - maxAgeMs) {
        // Expired, kept too long, or the clock went back past its check (tests move it).
        entries.delete(token);
        return undefined;
      }
      return entry.value;
    },
    set(token, value, expMs, nowMs) {
      entries.delete(token);
      entries.set(token, { value, expMs, untilMs: nowMs + maxAgeMs });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
  };
}
