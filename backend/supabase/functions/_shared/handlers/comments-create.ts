import { CommentsCreateRequest } from "../contract.ts";
import { callJson } from "../db.ts";
import { defineHandler } from "../define-handler.ts";

/**
 * Posts a comment (or a reply, with parent_id) for an episode. The author's name is the
 * one they have in the room. A retry with the same client_id returns the first comment.
 */
export const commentsCreate = defineHandler({
  schema: CommentsCreateRequest,
  run({ input, caller, deps, now }) {
    const { user_id: _u, username: _n, ...fields } = input;
    return callJson(
      deps.db,
      "select watchium.create_comment($1, $2::text::uuid, $3::text::jsonb, $4::text::timestamptz) as result",
      [input.room_id, caller.userId, JSON.stringify(fields), now],
    );
  },
});
