/** What the open-loop generator is asked to send, and what it reports back (structured-clone safe). */

export interface PlannedRequest {
  /** e.g. /functions/v1/rooms-join */
  path: string;
  token: string;
  /** The JSON body, serialised in advance so the generator does no work per request. */
  body: string;
}

export interface LoadPlan {
  /** http://host:port of the stack. */
  origin: string;
  anonKey: string;
  ratePerSecond: number;
  /** The first this-many requests warm up (connections, JIT, caches) and are not measured. */
  warmupRequests: number;
  requests: PlannedRequest[];
  timeoutMs: number;
}

export interface LoadResult {
  /** Per request, in timetable order: ms from its scheduled send time to the end of its response. */
  latencyMs: number[];
  /** Per request: HTTP status, or 0 when the request failed or timed out. */
  status: number[];
  /** Per request: ms its send started after its scheduled time (generator lag). */
  sendLagMs: number[];
  /** ms from the first measured scheduled send to the last measured response. */
  measuredWindowMs: number;
  /** Share of the time the generator's own thread was busy (0..1): near 1, it is the bottleneck. */
  generatorUtilization: number;
  firstError?: { index: number; status: number; body: string };
}
