/** Reads a `phx_join` payload into the settings of a channel (pure). */
import { WIRE_PREFIX } from "./outgoing.ts";

export interface JoinRequest {
  topic: string;
  private: boolean;
  self: boolean;
  ack: boolean;
  presenceEnabled: boolean;
  presenceKey: string | undefined;
  accessToken: string | undefined;
}

/** A join request, or the `reason` the server refuses it with. */
export function readJoin(wireTopic: string, payload: unknown): JoinRequest | { reason: string } {
  const p = (typeof payload === "object" && payload !== null ? payload : {}) as {
    config?: {
      broadcast?: { self?: unknown; ack?: unknown };
      presence?: { key?: unknown; enabled?: unknown };
      private?: unknown;
      postgres_changes?: unknown;
    };
    access_token?: unknown;
  };
  const config = typeof p.config === "object" && p.config !== null ? p.config : {};
  const topic = wireTopic.slice(WIRE_PREFIX.length);
  if (topic === "") return { reason: "TopicNameRequired: You must provide a topic name" };
  if (Array.isArray(config.postgres_changes) && config.postgres_changes.length > 0) {
    return { reason: "UnsupportedExtension: postgres_changes is not available on the local stack; use broadcast" };
  }
  const key = config.presence?.key;
  const token = p.access_token;
  return {
    topic,
    private: config.private === true,
    self: config.broadcast?.self === true,
    ack: config.broadcast?.ack === true,
    presenceEnabled: config.presence?.enabled === true,
    presenceKey: typeof key === "string" && key !== "" ? key : undefined,
    // No token, or an opaque `sb_` key: the socket's apikey stands in, as on Supabase.
    accessToken: typeof token === "string" && token !== "" && !token.startsWith("sb_") ? token : undefined,
  };
}
