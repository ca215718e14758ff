/**
 * Invite links: the video page's URL with `#watchium=<room_id>`. The access key of a
 * private room is never part of the link (one peer leaks its room password this way).
 */
const ROOM_ID = /^[A-Za-z0-9_-]{10}$/;
const KEY = "watchium";

export function makeInviteLink(pageUrl: string, roomId: string): string {
  const url = new URL(pageUrl);
  const params = new URLSearchParams(url.hash.replace(/^#/, ""));
  params.delete(KEY);
  const rest = params.toString();
  url.hash = `${rest ? `${rest}&` : ""}${KEY}=${roomId}`;
  return url.toString();
}

/** The room ID in a link, or null when there is none (or it is malformed). */
export function readInviteLink(pageUrl: string): string | null {
  let hash: string;
  try {
    hash = new URL(pageUrl).hash.replace(/^#/, "");
  } catch {
    return null;
  }
  const id = new URLSearchParams(hash).get(KEY);
  return id && ROOM_ID.test(id) ? id : null;
}

/** The page URL without our fragment (what the room records as its video page). */
export function withoutInvite(pageUrl: string): string {
  const url = new URL(pageUrl);
  const params = new URLSearchParams(url.hash.replace(/^#/, ""));
  params.delete(KEY);
  url.hash = params.toString();
  return url.toString();
}
