/**
 * Create or join a room: one component for the in-page panel and the popup, so the UI
 * contract's names ("Display name", "Room title", "Private room", "Create room",
 * "Room ID", "Access key", "Join room") hold in both places.
 */
import { useState } from "preact/hooks";
import { t } from "./i18n.ts";

export interface RoomFormActions {
  create(form: { username: string; title: string; isPrivate: boolean }): Promise<string | null>;
  join(form: { username: string; roomId: string; accessKey: string }): Promise<string | null>;
}

export interface RoomFormsProps {
  invitedRoomId: string | null;
  defaultTitle: string;
  defaultName?: string;
  actions: RoomFormActions;
}

export function RoomForms({ invitedRoomId, defaultTitle, defaultName = "", actions }: RoomFormsProps) {
  const [username, setUsername] = useState(defaultName);
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
      {invitedRoomId && <p class="invite">{t("invitedToRoom", invitedRoomId)}</p>}
      <label>
        {t("displayName")}
        <input value={username} maxLength={40} onInput={(e) => setUsername(e.currentTarget.value)} />
      </label>
      <fieldset>
        <legend>{t("newRoom")}</legend>
        <label>
          {t("roomTitle")}
          <input value={title} maxLength={100} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <label class="check">
          <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.currentTarget.checked)} />
          {t("privateRoom")}
        </label>
        <button type="button" disabled={busy} onClick={() => run(() => actions.create({ username, title, isPrivate }))}>
          {t("createRoom")}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t("joinARoom")}</legend>
        <label>
          {t("roomId")}
          <input value={roomId} maxLength={10} onInput={(e) => setRoomId(e.currentTarget.value.trim())} />
        </label>
        <label>
          {t("accessKey")}
          <input value={accessKey} inputMode="numeric" maxLength={6} placeholder={t("accessKeyPlaceholder")} onInput={(e) => setAccessKey(e.currentTarget.value.trim())} />
        </label>
        <button type="button" disabled={busy} onClick={() => run(() => actions.join({ username, roomId, accessKey }))}>
          {t("joinRoom")}
        </button>
      </fieldset>
      {error && <p role="alert" class="error">{error}</p>}
    </div>
  );
}

