/** What the UI shows about a tab's room, built from the session's state (pure). */
import type { MemberT, RoomT } from "../../backend/supabase/functions/_shared/contract.ts";
import type { SessionView } from "../core/messages.ts";
import { makeInviteLink } from "../core/share-link.ts";
import { presenceMembers } from "./presence-members.ts";

export interface SessionViewInput {
  room: RoomT;
  userId: string;
  pageUrl: string;
  accessKey?: string;
  members: MemberT[];
  presence: Record<string, unknown[]>;
  connection: SessionView["connection"];
  notice?: string;
  followUrl?: string;
}

export function buildSessionView(s: SessionViewInput): SessionView {
  const isHost = s.room.host_user_id === s.userId;
  return {
    room_id: s.room.room_id,
    title: s.room.title,
    is_public: s.room.is_public,
    // The key is the host's to share; members never get it back from us.
    access_key: isHost ? s.accessKey : undefined,
    role: isHost ? "host" : "member",
    user_id: s.userId,
    host_user_id: s.room.host_user_id,
    host_term: s.room.host_term,
    invite_link: makeInviteLink(s.pageUrl, s.room.room_id),
    page_url: s.pageUrl,
    members: presenceMembers(s.members, s.presence, s.room.host_user_id),
    connection: s.connection,
    notice: s.notice,
    follow_url: isHost ? undefined : s.followUrl,
  };
}
