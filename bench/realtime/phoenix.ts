/**
 * The Phoenix frames a realtime-js 2.x client (vsn 2.0.0) sends, built by hand so a
 * subscriber costs one `ws` socket and nothing else.
 */
export { binaryPush } from "../../tests/support/raw-socket.ts";

export const wireTopic = (topic: string) => `realtime:${topic}`;

/** phx_join with the config realtime-js sends; the anon key rides along as access_token, as supabase-js does. */
export function joinFrame(joinRef: string, topic: string, accessToken: string, presenceKey?: string): string {
  const config = {
    broadcast: { ack: false, self: false },
    presence: { key: presenceKey ?? "", enabled: presenceKey !== undefined },
    postgres_changes: [],
    private: false,
  };
  return JSON.stringify([joinRef, joinRef, wireTopic(topic), "phx_join", { config, access_token: accessToken }]);
}

export function trackFrame(joinRef: string, ref: string, topic: string, payload: Record<string, unknown>): string {
  return JSON.stringify([joinRef, ref, wireTopic(topic), "presence", { type: "presence", event: "track", payload }]);
}

/** The socket-level heartbeat realtime-js sends every 25 s. */
export function heartbeatFrame(ref: string): string {
  return JSON.stringify([null, ref, "phoenix", "heartbeat", {}]);
}

/** The JSON payload of a kind-4 user broadcast (server → client), or undefined for anything else. */
export function userBroadcastPayload(frame: Buffer): any {
  if (frame.length < 5 || frame[0] !== 4 || frame[4] !== 1) return undefined;
  const offset = 5 + frame[1] + frame[2] + frame[3];
  return JSON.parse(frame.toString("utf8", offset));
}
