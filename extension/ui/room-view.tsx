/** A room as its members see it: ID, access key (host of a private room), invite link, members, leave. */
import { useState } from "preact/hooks";
import type { MemberStatus, SessionView } from "../core/messages.ts";
import { makeInviteLink } from "../core/share-link.ts";
import { type MessageKey, t } from "./i18n.ts";

const STATUS: Record<MemberStatus, MessageKey> = {
  in_sync: "statusInSync",
  behind: "statusBehind",
  ahead: "statusAhead",
  buffering: "statusBuffering",
  away: "statusAway",
  unknown: "statusUnknown",
};

/** Goes to the host's new video; the invite fragment brings this tab back into the room. */
function followHost(session: SessionView): void {
  if (session.follow_url && /^https?:/i.test(session.follow_url)) location.href = makeInviteLink(session.follow_url, session.room_id);
}

export function RoomView({ session, onLeave, onEnd }: { session: SessionView; onLeave: () => Promise<void>; onEnd?: () => Promise<void> }) {
  const [copied, setCopied] = useState(false);
  return (
    <div>
      {session.connection !== "online" && (
        <p role="status" class="banner">
          {session.connection === "connecting" ? t("connectingToRoom") : t("connectionLost")}
        </p>
      )}
      <h2>{session.title}</h2>
      <p>
        {t("roomIdPrefix")} <strong class="room-id">{session.room_id}</strong> · {session.role === "host" ? t("youAreHost") : t("youAreMember")}
      </p>
      {session.access_key && (
        <p>
          {t("accessKeyPrefix")} <strong class="access-key">{session.access_key}</strong> {t("accessKeyHint")}{" "}
          <button type="button" onClick={() => void navigator.clipboard.writeText(session.access_key ?? "").then(() => setCopied(true), () => {})}>
            {t("copyAccessKey")}
          </button>
        </p>
      )}
      {session.notice && <p role="status">{session.notice}</p>}
      {session.follow_url && (
        <button type="button" onClick={() => followHost(session)}>
          {t("followHost")}
        </button>
      )}
      <label>
        {t("inviteLink")}
        <input readOnly value={session.invite_link} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button
        type="button"
        onClick={() => navigator.clipboard.writeText(session.invite_link).then(() => setCopied(true), () => setCopied(false))}
      >
        {t("copyInviteLink")}
      </button>
      {copied && <span role="status"> {t("copied")}</span>}
      <ul aria-label={t("members")}>
        {session.members.map((m) => (
          <li key={m.user_id}>
            {m.avatar_url && <img class="avatar" src={m.avatar_url} alt="" width={18} height={18} referrerpolicy="no-referrer" />}
            {t(m.role === "host" ? "hostMemberLine" : "memberLine", m.username, statusText(m))}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void onLeave()}>
        {t("leaveRoom")}
      </button>
      {onEnd && session.role === "host" && (
        <button type="button" onClick={() => confirm(t("confirmEndRoom")) && void onEnd()}>
          {t("endRoom")}
        </button>
      )}
    </div>
  );
}

/** "in sync", "behind by 3 s", "buffering", … (the offset is the one reported with the status). */
function statusText(m: SessionView["members"][number]): string {
  if (!m.online) return t("statusAway");
  const seconds = m.offset_ms !== undefined ? String(Math.round(Math.abs(m.offset_ms) / 1000)) : undefined;
  if (m.status === "behind" && seconds) return t("statusBehindBy", seconds);
  if (m.status === "ahead" && seconds) return t("statusAheadBy", seconds);
  return t(STATUS[m.status]);
}
