import { playbackTopic, RoomsCreateRequest, roomTopic, type MemberT, type RoomT } from "../contract.ts";
import { callJson } from "../db.ts";
import { defineHandler } from "../define-handler.ts";
import { ApiError } from "../errors.ts";
import { generateAccessKey, generateRoomId, hashAccessKey } from "../secrets.ts";

/** Creates a room with the caller as host. A private room's 6-digit key is answered once, here. */
export const roomsCreate = defineHandler({
  schema: RoomsCreateRequest,
  async run({ input, caller, deps, now }) {
    const accessKey = input.is_public ? undefined : generateAccessKey();
    const keyHash = accessKey ? await hashAccessKey(accessKey) : null;
    const { host_user_id: _claimed, ...fields } = input;
    for (let attempt = 1; ; attempt++) {
      try {
        const created = await callJson<{ room: RoomT; member: MemberT }>(
          deps.db,
          "select watchium.create_room($1, $2::text::uuid, $3::text::jsonb, $4, $5::text::timestamptz) as result",
          [generateRoomId(), caller.userId, JSON.stringify(fields), keyHash, now],
        );
        return {
          room: accessKey ? { ...created.room, access_key: accessKey } : created.room,
          member: created.member,
          realtime_channel: roomTopic(created.room.room_id),
          playback_channel: playbackTopic(created.room.room_id, created.room.host_term),
        };
      } catch (err) {
        // 60 random bits make an ID collision rare; a fresh ID fixes it.
        if (err instanceof ApiError && err.code === "conflict" && attempt < 3) continue;
        throw err;
      }
    }
  },
});
