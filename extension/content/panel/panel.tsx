/**
 * The in-page panel: create or join a room without leaving the video, and once in a
 * room its ID, invite link, members and "Leave room". Names follow DESIGN.md's UI
 * contract (screen readers and the e2e tests use them).
 */
import { useState } from "preact/hooks";
import type { SessionView } from "../../core/messages.ts";
import { Comments, type CommentsProps } from "./comments.tsx";
import { type RoomFormActions, RoomForms } from "../../ui/room-forms.tsx";
import { RoomView } from "../../ui/room-view.tsx";
import { t } from "../../ui/i18n.ts";

export interface PanelActions extends RoomFormActions {
  leave(): Promise<void>;
  end(): Promise<void>;
}

export interface PanelProps {
  session: SessionView | null;
  comments: CommentsProps;
  invitedRoomId: string | null;
  defaultTitle: string;
  actions: PanelActions;
  /** Shown above the forms when the room ended without us leaving (the host deleted it). */
  ended?: string;
}

export function Panel({ session, comments, invitedRoomId, defaultTitle, actions, ended }: PanelProps) {
  const [open, setOpen] = useState(invitedRoomId !== null);
  return (
    <div class="watchium">
      <button type="button" class="launcher" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t("openPanel")}
      </button>
      {open && (
        <section class="panel" aria-label={t("extName")}>
          {session ? (
            <>
              <RoomView session={session} onLeave={actions.leave} onEnd={actions.end} />
              <Comments {...comments} />
            </>
          ) : (
            <>
              {ended && <p role="status">{ended}</p>}
              <RoomForms {...{ invitedRoomId, defaultTitle, actions }} />
            </>
          )}
        </section>
      )}
    </div>
  );
}

