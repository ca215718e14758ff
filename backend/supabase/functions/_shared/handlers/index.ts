/** Every edge function by its deployed name; the local stack routes /functions/v1/<name> through this. */
import type { Handler } from "../define-handler.ts";
import { commentsCreate } from "./comments-create.ts";
import { commentsReact } from "./comments-react.ts";
import { commentsGetByEpisode } from "./comments-get-by-episode.ts";
import { commentsGetHistory } from "./comments-get-history.ts";
import { health } from "./health.ts";
import { membersGetList } from "./members-get-list.ts";
import { membersUpdateStatus } from "./members-update-status.ts";
import { roomsCreate } from "./rooms-create.ts";
import { roomsDelete } from "./rooms-delete.ts";
import { roomsJoin } from "./rooms-join.ts";
import { roomsLeave } from "./rooms-leave.ts";
import { roomsListPublic } from "./rooms-list-public.ts";
import { syncControl } from "./sync-control.ts";
import { syncGetHostTime } from "./sync-get-host-time.ts";

export const HANDLERS: Readonly<Record<string, Handler>> = {
  "rooms-create": roomsCreate,
  "rooms-join": roomsJoin,
  "rooms-leave": roomsLeave,
  "rooms-delete": roomsDelete,
  "rooms-list-public": roomsListPublic,
  "sync-control": syncControl,
  "sync-get-host-time": syncGetHostTime,
  "comments-create": commentsCreate,
  "comments-react": commentsReact,
  "comments-get-by-episode": commentsGetByEpisode,
  "comments-get-history": commentsGetHistory,
  "members-get-list": membersGetList,
  "members-update-status": membersUpdateStatus,
  health,
};
