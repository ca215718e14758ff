/**
 * The in-page panel: create or join a room without leaving the video, and once in a
 * room its ID, invite link, members and "Leave room". Names follow DESIGN.md's UI
 * contract (screen readers and the e2e tests use them).
 */
import { useState } from "preact/hooks";
import type { SessionView } from "../../core/messages.ts";
import { Comments, type CommentsProps } from "./comments.tsx";
import { makeInviteLink } from "../../core/share-link.ts";

/** Goes to the host's new video; the invite fragment brings this tab back into the room. */
function followHost(session: SessionView): void {
  if (session.follow_url && /^https?:/i.test(session.follow_url)) location.href = makeInviteLink(session.follow_url, session.room_id);
}

export interface PanelActions {
  create(form: { username: string; title: string; isPrivate: boolean }): Promise<string | null>;
  join(form: { username: string; roomId: string; accessKey: string }): Promise<string | null>;
  leave(): Promise<void>;
}

export interface PanelProps {
  session: SessionView | null;
  comments: CommentsProps;
  invitedRoomId: string | null;
  defaultTitle: string;
  actions: PanelActions;
}

export function Panel({ session, comments, invitedRoomId, defaultTitle, actions }: PanelProps) {
  const [open, setOpen] = useState(invitedRoomId !== null);
  return (
    <div class="watchium">
      <button type="button" class="launcher" aria-expanded={open} onClick={() => setOpen(!open)}>
        Open Watchium
      </button>
      {open && (
        <section class="panel" aria-label="Watchium">
          {session ? (
            <>
              <RoomView session={session} onLeave={actions.leave} />
              <Comments {...comments} />
            </>
          ) : (
            <Forms {...{ invitedRoomId, defaultTitle, actions }} />
          )}
        </section>
      )}
    </div>
  );
}

function Forms({ invitedRoomId, defaultTitle, actions }: Omit<PanelProps, "session" | "comments">) {
  const [username, setUsername] = useState("");
  const [title, setTitle] = useState(defaultTitle);
  const [isPrivate, setPrivate] = useState(false);
  const [roomId, setRoomId] = useState(invitedRoomId ?? "");
  const [accessKey, setAccessKey] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setError(await work());
    setBusy(false);
  };
  return (
    <div>
      {invitedRoomId && <p class="invite">You were invited to room {invitedRoomId}. Enter your name and join.</p>}
      <label>
        Display name
        <input value={username} maxLength={40} onInput={(e) => setUsername(e.currentTarget.value)} />
      </label>
      <fieldset>
        <legend>New room</legend>
        <label>
          Room title
          <input value={title} maxLength={100} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <label class="check">
          <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.currentTarget.checked)} />
          Private room
        </label>
        <button type="button" disabled={busy} onClick={() => run(() => actions.create({ username, title, isPrivate }))}>
          Create room
        </button>
      </fieldset>
      <fieldset>
        <legend>Join a room</legend>
        <label>
          Room ID
          <input value={roomId} maxLength={10} onInput={(e) => setRoomId(e.currentTarget.value.trim())} />
        </label>
        <label>
          Access key
          <input value={accessKey} inputMode="numeric" maxLength={6} placeholder="only for private rooms" onInput={(e) => setAccessKey(e.currentTarget.value.trim())} />
        </label>
        <button type="button" disabled={busy} onClick={() => run(() => actions.join({ username, roomId, accessKey }))}>
          Join room
        </button>
      </fieldset>
      {error && <p role="alert" class="error">{error}</p>}
    </div>
  );
}

function RoomView({ session, onLeave }: { session: SessionView; onLeave: () => Promise<void> }) {
  const [copied, setCopied] = useState(false);
  return (
    <div>
      <h2>{session.title}</h2>
      <p>
        Room ID: <strong class="room-id">{session.room_id}</strong> · You are {session.role === "host" ? "the host" : "a member"}
        {session.connection !== "online" && <span class="conn"> · {session.connection}…</span>}
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
    </div>
  );
}
