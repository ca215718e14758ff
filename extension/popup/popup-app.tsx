/**
 * The toolbar popup: the active tab's room (or create / join, the same component as the
 * in-page panel), public rooms to discover, and settings.
 */
import { useEffect, useState } from "preact/hooks";
import type { PublicRoomView } from "../core/popup-messages.ts";
import { t } from "../ui/i18n.ts";
import { RoomForms } from "../ui/room-forms.tsx";
import { RoomView } from "../ui/room-view.tsx";
import type { PopupClient, PopupState } from "./popup-client.ts";

export function PopupApp({ client }: { client: PopupClient }) {
  const [state, setState] = useState<PopupState | null>(null);
  const refresh = () => client.state().then(setState, () => setState(null));
  useEffect(() => void refresh(), []);
  if (!state) return <p>{t("loading")}</p>;
  const fail = (r: { ok: boolean; error?: { message: string } }) => (r.ok ? (void refresh(), null) : (r.error?.message ?? t("somethingWentWrong")));
  return (
    <main>
      <h1>{t("extName")}</h1>
      <section aria-label={t("roomSection")}>
        {state.session ? (
          <RoomView session={state.session} onLeave={() => client.leave().then(refresh)} />
        ) : (
          <RoomForms
            invitedRoomId={null}
            defaultTitle={state.tab_title.slice(0, 100)}
            defaultName={state.settings.username}
            actions={{
              create: async (f) => fail(await client.create({ title: f.title.trim() || t("defaultRoomTitle"), is_public: !f.isPrivate, username: f.username })),
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
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 10_000); // counts stay current while the popup is open
    return () => clearInterval(timer);
  }, []);
  return (
    <section aria-label={t("publicRooms")}>
      <h2>{t("publicRooms")}</h2>
      {error && <p role="alert">{error}</p>}
      {rooms?.length === 0 && <p>{t("noPublicRooms")}</p>}
      <ul aria-label={t("publicRoomsList")}>
        {rooms?.map((r) => (
          <li key={r.room_id}>
            <strong>{r.title}</strong> {t("publicRoomDetails", r.anime_title, r.episode_number, r.member_count)}{" "}
            <button
              type="button"
              aria-label={t("joinNamedRoom", r.title)}
              onClick={async () => {
                const res = await client.join({ room_id: r.room_id, username: username || t("guestName") });
                if (res.ok) onJoined();
                else setError(res.error.message);
              }}
            >
              {t("join")}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void load()}>
        {t("refreshList")}
      </button>
    </section>
  );
}

function SettingsForm({ client, state }: { client: PopupClient; state: PopupState }) {
  const [username, setUsername] = useState(state.settings.username);
  const [avatarUrl, setAvatarUrl] = useState(state.settings.avatarUrl);
  const [backendUrl, setBackendUrl] = useState(state.settings.backendUrl);
  const [anonKey, setAnonKey] = useState(state.settings.anonKey);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <details>
      <summary>{t("settings")}</summary>
      <label>
        {t("displayName")}
        <input value={username} maxLength={40} onInput={(e) => setUsername(e.currentTarget.value)} />
      </label>
      <label>
        {t("avatarUrl")}
        <input value={avatarUrl} type="url" placeholder="https://…" onInput={(e) => setAvatarUrl(e.currentTarget.value.trim())} />
      </label>
      <label>
        {t("backendUrl")}
        <input value={backendUrl} onInput={(e) => setBackendUrl(e.currentTarget.value.trim())} />
      </label>
      <label>
        {t("anonKey")}
        <input value={anonKey} onInput={(e) => setAnonKey(e.currentTarget.value.trim())} />
      </label>
      <button type="button" onClick={async () => setStatus((await client.testConnection({ backend_url: backendUrl, anon_key: anonKey })).message)}>
        {t("testConnection")}
      </button>
      <button
        type="button"
        onClick={async () => {
          await client.saveSettings({ username, avatar_url: avatarUrl, backend_url: backendUrl, anon_key: anonKey });
          setStatus(t("saved"));
        }}
      >
        {t("saveSettings")}
      </button>
      {status && <p role="status">{status}</p>}
    </details>
  );
}
