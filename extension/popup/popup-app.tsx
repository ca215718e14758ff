/**
 * The toolbar popup: the active tab's room (or create / join, the same component as the
 * in-page panel), public rooms to discover, and settings.
 */
import { useEffect, useState } from "preact/hooks";
import type { PublicRoomView } from "../core/popup-messages.ts";
import { RoomForms } from "../ui/room-forms.tsx";
import { RoomView } from "../ui/room-view.tsx";
import type { PopupClient, PopupState } from "./popup-client.ts";

export function PopupApp({ client }: { client: PopupClient }) {
  const [state, setState] = useState<PopupState | null>(null);
  const refresh = () => client.state().then(setState, () => setState(null));
  useEffect(() => void refresh(), []);
  if (!state) return <p>Loading…</p>;
  const fail = (r: { ok: boolean; error?: { message: string } }) => (r.ok ? (void refresh(), null) : (r.error?.message ?? "Something went wrong."));
  return (
    <main>
      <h1>Watchium</h1>
      <section aria-label="Room">
        {state.session ? (
          <RoomView session={state.session} onLeave={() => client.leave().then(refresh)} />
        ) : (
          <RoomForms
            invitedRoomId={null}
            defaultTitle={state.tab_title.slice(0, 100)}
            defaultName={state.settings.username}
            actions={{
              create: async (f) => fail(await client.create({ title: f.title.trim() || "Watch party", is_public: !f.isPrivate, username: f.username })),
              join: async (f) => fail(await client.join({ room_id: f.roomId, username: f.username, ...(f.accessKey ? { access_key: f.accessKey } : {}) })),
            }}
          />
        )}
      </section>
      {!state.session && <Discover client={client} username={state.settings.username} onJoined={refresh} />}
      <SettingsForm client={client} state={state} />
    </main>
  );
}

function Discover({ client, username, onJoined }: { client: PopupClient; username: string; onJoined(): void }) {
  const [rooms, setRooms] = useState<PublicRoomView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => client.listPublic().then((r) => (r.ok ? setRooms(r.rooms) : setError(r.error.message)));
  useEffect(() => void load(), []);
  return (
    <section aria-label="Public rooms">
      <h2>Public rooms</h2>
      {error && <p role="alert">{error}</p>}
      {rooms?.length === 0 && <p>No public rooms right now. Create one!</p>}
      <ul aria-label="Public rooms list">
        {rooms?.map((r) => (
          <li key={r.room_id}>
            <strong>{r.title}</strong> — {r.anime_title} ep. {r.episode_number} · {r.member_count} watching{" "}
            <button
              type="button"
              aria-label={`Join ${r.title}`}
              onClick={async () => {
                const res = await client.join({ room_id: r.room_id, username: username || "Guest" });
                if (res.ok) onJoined();
                else setError(res.error.message);
              }}
            >
              Join
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void load()}>
        Refresh list
      </button>
    </section>
  );
}

function SettingsForm({ client, state }: { client: PopupClient; state: PopupState }) {
  const [username, setUsername] = useState(state.settings.username);
  const [backendUrl, setBackendUrl] = useState(state.settings.backendUrl);
  const [anonKey, setAnonKey] = useState(state.settings.anonKey);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <details>
      <summary>Settings</summary>
      <label>
        Display name
        <input value={username} maxLength={40} onInput={(e) => setUsername(e.currentTarget.value)} />
      </label>
      <label>
        Backend URL
        <input value={backendUrl} onInput={(e) => setBackendUrl(e.currentTarget.value.trim())} />
      </label>
      <label>
        Anon key
        <input value={anonKey} onInput={(e) => setAnonKey(e.currentTarget.value.trim())} />
      </label>
      <button type="button" onClick={async () => setStatus((await client.testConnection({ backend_url: backendUrl, anon_key: anonKey })).message)}>
        Test connection
      </button>
      <button
        type="button"
        onClick={async () => {
          await client.saveSettings({ username, backend_url: backendUrl, anon_key: anonKey });
          setStatus("Saved.");
        }}
      >
        Save settings
      </button>
      {status && <p role="status">{status}</p>}
    </details>
  );
}
