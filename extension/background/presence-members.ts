/** Merges the room's member list with live presence into what the UI shows. */
import type { MemberT } from "../../backend/supabase/functions/_shared/contract.ts";
import type { MemberView } from "../core/messages.ts";
import { PresenceMeta } from "../core/room-events.ts";
import { parseWith } from "./parse.ts";

export function presenceMembers(members: MemberT[], presence: Record<string, unknown[]>, hostUserId: string): MemberView[] {
  return members.map((m) => {
    const metas = (presence[m.user_id] ?? []).map((meta) => parseWith(PresenceMeta, meta)).filter((x) => x !== null);
    const live = metas.at(-1);
    return {
      user_id: m.user_id,
      username: live?.username ?? m.username,
      role: m.user_id === hostUserId ? "host" : "member",
      status: live?.status ?? "away",
      offset_ms: live?.offset_ms,
      avatar_url: /^https?:\/\//i.test(m.avatar_url) ? m.avatar_url : undefined,
      online: metas.length > 0,
    };
  });
}
