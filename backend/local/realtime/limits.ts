/** Realtime limits, mirroring Supabase's Free plan defaults (see REALTIME_NOTES.md). */
export const REALTIME_LIMITS = {
  /** Largest broadcast payload accepted, in bytes (Free: 256 KB). */
  maxPayloadBytes: 256 * 1024,
  /** Largest frame of any kind read from a socket. */
  maxFrameBytes: 1024 * 1024,
  /** Client messages per second on one connection. */
  messagesPerSecond: 100,
  /** Presence events per channel and client: 5 per 30 s. */
  presenceEvents: 5,
  presenceWindowMs: 30_000,
  /** Channels one connection may join. */
  channelsPerConnection: 100,
} as const;
