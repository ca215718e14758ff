/**
 * The two loads, as timetables of ready-to-send requests. Each signs up its own users,
 * enough that no user comes near a rate limit (the runs must measure work, not 429s):
 *  - rooms-join: 20 room-management actions per user per hour, so each user joins at most
 *    12 times; its k-th join goes to a different room than the ones before (a real join,
 *    not a reconnect), and every room gets the same share.
 *  - comments-create: 5 comments per user per minute, so each user posts at most 4; users
 *    are made members of a room first (which costs them one room-management action).
 * Consecutive requests come from different users, as they would from many viewers.
 */
import type { LocalStack } from "../../backend/local/server.ts";
import { joinRooms, signUpUsers, type BenchRoom } from "./fixtures.ts";
import type { PlannedRequest } from "./load-plan.ts";

export type Endpoint = "rooms-join" | "comments-create";

export const JOINS_PER_USER = 12;
export const COMMENTS_PER_USER = 4;

export interface PreparedLoad {
  endpoint: Endpoint;
  users: number;
  requests: PlannedRequest[];
}

export async function prepareJoins(stack: LocalStack, rooms: readonly BenchRoom[], total: number): Promise<PreparedLoad> {
  const perUser = Math.min(JOINS_PER_USER, rooms.length);
  const users = await signUpUsers(stack, Math.ceil(total / perUser));
  const requests = Array.from({ length: total }, (_, i): PlannedRequest => {
    const u = i % users.length;
    const round = Math.floor(i / users.length);
    return {
      path: "/functions/v1/rooms-join",
      token: users[u].token,
      body: JSON.stringify({ room_id: rooms[(u + round) % rooms.length].roomId, username: `viewer${u}` }),
    };
  });
  return { endpoint: "rooms-join", users: users.length, requests };
}

export async function prepareComments(stack: LocalStack, rooms: readonly BenchRoom[], total: number): Promise<PreparedLoad> {
  const users = await signUpUsers(stack, Math.ceil(total / COMMENTS_PER_USER));
  await joinRooms(stack, users, rooms);
  const requests = Array.from({ length: total }, (_, i): PlannedRequest => {
    const u = i % users.length;
    const room = rooms[u % rooms.length];
    return {
      path: "/functions/v1/comments-create",
      token: users[u].token,
      body: JSON.stringify({
        room_id: room.roomId,
        anime_id: room.animeId,
        episode_number: room.episode,
        message: `Comment ${i}: that cliffhanger though!`,
        video_timestamp: (i * 7) % 1400,
        client_id: `bench-${i}`,
      }),
    };
  });
  return { endpoint: "comments-create", users: users.length, requests };
}
