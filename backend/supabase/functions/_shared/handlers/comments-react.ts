import { CommentsReactRequest } from "../contract.ts";
import { callJson } from "../db.ts";
import { defineHandler } from "../define-handler.ts";

/** Gives a reaction to a comment, or takes it back when given already. Members only. */
export const commentsReact = defineHandler({
  schema: CommentsReactRequest,
  run: ({ input, caller, deps, now }) =>
    callJson(
      deps.db,
      "select watchium.toggle_reaction($1, $2::text::uuid, $3::text::uuid, $4, $5::text::timestamptz) as result",
      [input.room_id, caller.userId, input.comment_id, input.emoji, now],
    ),
});
