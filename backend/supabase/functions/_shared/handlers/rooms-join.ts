import { playbackTopic, RoomsJoinRequest, roomTopic, type MemberT, type RoomT } from "../contract.ts";
import { callJson, queryRows } from "../db.ts";
import { defineHandler } from "../define-handler.ts";
import { ApiError } from "../errors.ts";
import { accessKeyMatches } from "../secrets.ts";

type JoinOutcome =
  | { status: "joined"; room: RoomT; member: MemberT }
  | { status: "key_required" }
  | { status: "wrong_key"; attempts_left: number }
  | { status: "key_locked"; retry_after: number };

/** Joins a room (or rejoins it: a member coming back needs no key). */
export const roomsJoin = defineHandler({
  schema: RoomsJoinRequest,
  async run({ input, caller, deps, now }) {
    const [stored] = await queryRows<{ access_key_hash: string | null }>(
      deps.db,
      "select access_key_hash from public.rooms where room_id = $1",
      [input.room_id],
    );
    // The hash is compared here, in constant time; the database records the outcome.
    const keyOk = stored?.access_key_hash && input.access_key !== undefined
      ? await accessKeyMatches(input.access_key, stored.access_key_hash)
      : null;
    const outcome = await callJson<JoinOutcome>(
      deps.db,
      "select watchium.join_room($1, $2::text::uuid, $3, $4, $5::boolean, $6::text::timestamptz) as result",
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
    const members = await queryRows<{ result: MemberT[] }>(
      deps.db,
      `select coalesce(jsonb_agg(to_jsonb(m) order by m.joined_at, m.user_id), '[]'::jsonb) as result
         from public.room_members m where m.room_id = $1`,
      [input.room_id],
    );
    return {
      room: outcome.room,
      member: outcome.member,
      members: members[0].result,
      realtime_channel: roomTopic(outcome.room.room_id),
      playback_channel: playbackTopic(outcome.room.room_id, outcome.room.host_term),
    };
  },
});
