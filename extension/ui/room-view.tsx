/** A room as its members see it: ID, access key (host of a private room), invite link, members, leave. */
import { useState } from "preact/hooks";
import type { SessionView } from "../core/messages.ts";
import { makeInviteLink } from "../core/share-link.ts";

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
          {session.connection === "connecting" ? "Connecting to the room…" : "Connection lost — reconnecting…"}
        </p>
      )}
      <h2>{session.title}</h2>
      <p>
        Room ID: <strong class="room-id">{session.room_id}</strong> · You are {session.role === "host" ? "the host" : "a member"}
      </p>
      {session.access_key && (
        <p>
          Access key: <strong class="access-key">{session.access_key}</strong> (share it only with friends; it is not in the link)
        </p>
      )}
      {session.notice && <p role="status">{session.notice}</p>}
      {session.follow_url && (
        <button type="button" onClick={() => followHost(session)}>
          Follow the host
        </button>
      )}
      <label>
        Invite link
        <input readOnly value={session.invite_link} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button
        type="button"
        onClick={() => navigator.clipboard.writeText(session.invite_link).then(() => setCopied(true), () => setCopied(false))}
      >
        Copy invite link
      </button>
      {copied && <span role="status"> Copied.</span>}
      <ul aria-label="Members">
        {session.members.map((m) => (
          <li key={m.user_id}>
            {m.username}
            {m.role === "host" ? " (host)" : ""} — {m.online ? m.status.replace("_", " ") : "away"}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void onLeave()}>
        Leave room
      </button>
      {onEnd && session.role === "host" && (
        <button type="button" onClick={() => confirm("End the room for everyone?") && void onEnd()}>
          End room for everyone
        </button>
      )}
    </div>
  );
}
