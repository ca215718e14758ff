import { describe, expect, test } from "vitest";
import { buildSessionView } from "../../../extension/background/session-view.ts";

const room = {
  room_id: "AbCdEfGh12", title: "T", anime_id: "a", anime_title: "", episode_number: 1, video_url: "",
  host_user_id: "host", host_term: 2, is_public: false, is_playing: false, current_playback_time: 0,
  playback_rate: 1, state_seq: 0, state_updated_at: "", member_count: 2, created_at: "", updated_at: "", last_activity: "",
};
const member = (user_id: string, username: string, avatar_url = "") => ({
  room_id: room.room_id, user_id, username, avatar_url, role: "member" as const, joined_at: "", last_heartbeat: "",
  is_synced: true, sync_status: "unknown" as const, sync_offset_ms: 0,
});
const input = (userId: string) => ({
  room, userId, pageUrl: "https://v.example/w", accessKey: "123456",
  members: [member("host", "Hana", "javascript:alert(1)"), member("m1", "Mo", "https://img.example/a.png")],
  presence: { m1: [{ user_id: "m1", username: "Mo", status: "behind", offset_ms: 3200 }] },
  connection: "online" as const, followUrl: "https://v.example/ep2",
});

describe("session view", () => {
  test("the host sees the access key; a member never does", () => {
    expect(buildSessionView(input("host")).access_key).toBe("123456");
    expect(buildSessionView(input("m1")).access_key).toBeUndefined();
  });

  test("roles, invite link without the key, follow link only for members", () => {
    const v = buildSessionView(input("m1"));
    expect(v.role).toBe("member");
    expect(v.invite_link).toBe("https://v.example/w#watchium=AbCdEfGh12");
    expect(v.follow_url).toBe("https://v.example/ep2");
    expect(buildSessionView(input("host")).follow_url).toBeUndefined();
  });

  test("members merge live presence; only http(s) avatars pass", () => {
    const [hana, mo] = buildSessionView(input("m1")).members;
    expect(hana).toMatchObject({ username: "Hana", role: "host", online: false, status: "away" });
    expect(hana.avatar_url).toBeUndefined();
    expect(mo).toMatchObject({ username: "Mo", role: "member", online: true, status: "behind", offset_ms: 3200, avatar_url: "https://img.example/a.png" });
  });
});
