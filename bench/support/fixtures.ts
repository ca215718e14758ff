/**
 * Sets up what the load needs, through the stack's real HTTP API: anonymous users, public
 * rooms (spread over hosts to stay under 10 creations/h each) and room memberships.
 * None of it is measured; it runs a few requests at a time.
 */
import type { LocalStack } from "../../backend/local/server.ts";

export interface BenchUser {
  userId: string;
  token: string;
}

export interface BenchRoom {
  roomId: string;
  animeId: string;
  episode: number;
}

/** rooms-create allows 10 per user per hour; stay clear of the limit. */
const ROOMS_PER_HOST = 8;
const SETUP_CONCURRENCY = 16;

/** Calls `fn` on every item with at most `limit` calls in flight; results in item order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

async function post<T>(stack: LocalStack, path: string, body: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json", apikey: stack.anonKey };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${stack.url}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`setup ${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

export async function signUpUsers(stack: LocalStack, count: number): Promise<BenchUser[]> {
  return mapLimit(Array.from({ length: count }), SETUP_CONCURRENCY, async () => {
    const session = await post<{ access_token: string; user: { id: string } }>(stack, "/auth/v1/signup", {});
    return { userId: session.user.id, token: session.access_token };
  });
}

/** Creates `count` public rooms, each on its own show, with as many new hosts as the creation limit needs. */
export async function createRooms(stack: LocalStack, count: number): Promise<BenchRoom[]> {
  const hosts = await signUpUsers(stack, Math.ceil(count / ROOMS_PER_HOST));
  return mapLimit(Array.from({ length: count }), SETUP_CONCURRENCY, async (_, i) => {
    const animeId = `bench-show-${i}`;
    const { data } = await post<{ data: { room: { room_id: string } } }>(stack, "/functions/v1/rooms-create", {
      title: `Bench room ${i}`,
      anime_id: animeId,
      anime_title: `Bench show ${i}`,
      episode_number: 1,
      video_url: `https://example.com/watch/${i}`,
      host_username: `host${i}`,
      is_public: true,
    }, hosts[Math.floor(i / ROOMS_PER_HOST)].token);
    return { roomId: data.room.room_id, animeId, episode: 1 };
  });
}

/** Makes users[i] a member of rooms[i % rooms.length] (one room-management request each). */
export async function joinRooms(stack: LocalStack, users: readonly BenchUser[], rooms: readonly BenchRoom[]): Promise<void> {
  await mapLimit(users, SETUP_CONCURRENCY, (user, i) =>
    post(stack, "/functions/v1/rooms-join", { room_id: rooms[i % rooms.length].roomId, username: `member${i}` }, user.token));
}
