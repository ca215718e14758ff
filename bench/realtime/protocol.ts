/** Messages between the benchmark and its client processes (IPC). */

export interface SocketSpec {
  topic: string;
  /** Presence key; set means presence is enabled on the join. */
  presenceKey?: string;
  /** Presence payload tracked once after the join. */
  track?: Record<string, unknown>;
  /** Number the member's heartbeats carry as `from`. */
  member?: number;
}

export type ClientCommand = { id: number } & (
  | { type: "open"; socket: "light" | "ws"; url: string; apikey: string; sockets: SocketSpec[]; concurrency: number }
  | { type: "beat"; periodMs: number; event: string; phoenixHeartbeatMs: number }
  | { type: "stop-beat" }
  | { type: "presence"; expected: number }
  | { type: "collect"; tFrom: number; tTo: number; spread: boolean }
  | { type: "close" }
);

export interface OpenResult {
  opened: number;
  failures: number;
  firstError: string;
  ms: number;
}

export interface CollectResult {
  /** Latency (ms) of every delivery of a message sent within [tFrom, tTo). */
  latencies: number[];
  /** Heartbeats this process sent within the window. */
  sent: number;
  /** Per message ("from:seq"): the first and last delivery latency seen by this process. */
  perMessage: Array<[string, [number, number]]>;
  /** (performance.timeOrigin + performance.now()) − Date.now() in this process. */
  clockOffsetMs: number;
  unexpectedCloses: number;
}

type Distribute<T> = T extends unknown ? Omit<T, "id"> : never;
export type ClientRequest = Distribute<ClientCommand>;
