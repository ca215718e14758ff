/** Room IDs and access keys: generation, hashing and constant-time comparison. */

const ROOM_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** 10 URL-safe characters: 60 bits, so guessing a room ID is hopeless. */
export function generateRoomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  let id = "";
  for (const b of bytes) id += ROOM_ID_ALPHABET[b & 63]; // 64 symbols: no modulo bias
  return id;
}

/** A uniformly random 6-digit key (rejection sampling avoids modulo bias). */
export function generateAccessKey(): string {
  const limit = 4_294_000_000; // largest multiple of 10^6 below 2^32
  const buf = new Uint32Array(1);
  do crypto.getRandomValues(buf); while (buf[0] >= limit);
  return String(buf[0] % 1_000_000).padStart(6, "0");
}

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function digest(salt: string, key: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${salt}:${key}`)));
}

/** "sha256$<salt>$<digest>" with a fresh random salt; the key itself is never stored. */
export async function hashAccessKey(key: string): Promise<string> {
  const salt = hex(crypto.getRandomValues(new Uint8Array(16)));
  return `sha256$${salt}$${await digest(salt, key)}`;
}

export async function accessKeyMatches(key: string, stored: string): Promise<boolean> {
  const [scheme, salt, expected] = stored.split("$");
  if (scheme !== "sha256" || !salt || !expected) return false;
  return constantTimeEqual(await digest(salt, key), expected);
}

/** Compares without returning early, so timing says nothing about where strings differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return diff === 0;
}
