import { playbackTopic, RoomsJoinRequest, roomTopic, type MemberT, type RoomT } from "../contract.ts";
import { callJson, queryRows, type Sql } from "../db.ts";
import { defineHandler } from "../define-handler.ts";
import { ApiError } from "../errors.ts";
import { accessKeyMatches } from "../secrets.ts";

type JoinOutcome =
  | { status: "joined"; room: RoomT; member: MemberT; members: MemberT[] }
  | { status: "key_required" }
  | { status: "wrong_key"; attempts_left: number }
  | { status: "key_locked"; retry_after: number };

/** Joins a room (or rejoins it: a member coming back needs no key). */
export const roomsJoin = defineHandler({
  schema: RoomsJoinRequest,
  async run({ input, caller, deps, now }) {
    const keyOk = input.access_key === undefined ? null : await checkAccessKey(deps.db, input.room_id, input.access_key);
    // One round trip: the join and, when it succeeds, the room's member list.
    const outcome = await callJson<JoinOutcome>(
      deps.db,
      "select watchium.join_room_with_members($1, $2::text::uuid, $3, $4, $5::boolean, $6::text::timestamptz) as result",
      [input.room_id, caller.userId, input.username, input.avatar_url ?? "", keyOk, now],
    );
    switch (outcome.status) {
      case "key_required":
        throw new ApiError(403, "wrong_access_key", "This room is private: enter its 6-digit access key.");
      case "wrong_key":
        throw new ApiError(
          403,
          "wrong_access_key",
          `That access key is not right. ${outcome.attempts_left} attempt(s) left before a 15-minute wait.`,
        );
      case "key_locked":
        throw new ApiError(
          429,
          "rate_limited",
          `Too many wrong access keys for this room. Try again in ${outcome.retry_after} seconds.`,
          outcome.retry_after,
        );
    }
    return {
      room: outcome.room,
      member: outcome.member,
      members: outcome.members,
      realtime_channel: roomTopic(outcome.room.room_id),
      playback_channel: playbackTopic(outcome.room.room_id, outcome.room.host_term),
    };
  },
});

/**
 * Whether the key matches the room's stored hash, compared here in constant time (the
 * database records the outcome); null when the room has no key or does not exist. Only
 * read when the caller sent a key: without one, join_room answers key_required itself.
 */
async function checkAccessKey(db: Sql, roomId: string, key: string): Promise<boolean | null> {
  const [stored] = await queryRows<{ access_key_hash: string | null }>(
    db,
    "select access_key_hash from public.rooms where room_id = $1",
    [roomId],
  );
  return stored?.access_key_hash ? await accessKeyMatches(key, stored.access_key_hash) : null;
}
