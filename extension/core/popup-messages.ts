/**
 * Popup → background asks. The popup is not in a tab, so it names the tab it acts on
 * (the active one); the background accepts these only from the extension's own pages.
 */
import * as z from "zod/mini";

const tab = { tab_id: z.number() };

export const PopupGetState = z.object({ type: z.literal("popup/get-state"), ...tab });
export const PopupCreateRoom = z.object({
  type: z.literal("popup/create-room"), ...tab, title: z.string(), is_public: z.boolean(), username: z.string(),
});
export const PopupJoinRoom = z.object({
  type: z.literal("popup/join-room"), ...tab, room_id: z.string(), username: z.string(), access_key: z.optional(z.string()),
});
export const PopupLeaveRoom = z.object({ type: z.literal("popup/leave-room"), ...tab });
export const PopupListPublic = z.object({ type: z.literal("popup/list-public") });
export const PopupSaveSettings = z.object({
  type: z.literal("popup/save-settings"), username: z.string(), avatar_url: z.string(), backend_url: z.string(), anon_key: z.string(),
});
export const PopupTestConnection = z.object({
  type: z.literal("popup/test-connection"), backend_url: z.string(), anon_key: z.string(),
});

export const FromPopup = z.discriminatedUnion("type", [
  PopupGetState, PopupCreateRoom, PopupJoinRoom, PopupLeaveRoom, PopupListPublic, PopupSaveSettings, PopupTestConnection,
]);
export type FromPopup = z.infer<typeof FromPopup>;

export interface PublicRoomView {
  room_id: string;
  title: string;
  anime_title: string;
  episode_number: number;
  member_count: number;
  is_playing: boolean;
}
