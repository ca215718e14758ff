/**
 * Parses what arrives on a room channel and hands each event, typed, to the session.
 * Anything that does not parse is ignored: one malformed message cannot break a room.
 */
import type * as z from "zod/mini";
import {
  BufferingEvent,
  ClockPing,
  ClockPong,
  HostChangedEvent,
  PlaybackRequestEvent,
  RoomUpdatedEvent,
} from "../core/room-events.ts";
import { parseWith } from "./parse.ts";

export interface RoomEventHandlers {
  clockPing(ping: z.infer<typeof ClockPing>): void;
  clockPong(pong: z.infer<typeof ClockPong>): void;
  stateRequest(): void;
  playbackRequest(request: z.infer<typeof PlaybackRequestEvent>): void;
  buffering(report: z.infer<typeof BufferingEvent>): void;
  hostChanged(change: z.infer<typeof HostChangedEvent>): void;
  roomUpdated(update: z.infer<typeof RoomUpdatedEvent>): void;
  membersChanged(): void;
  roomDeleted(): void;
}

export function routeRoomEvent(event: string, payload: unknown, on: RoomEventHandlers): void {
  const with_ = <S extends z.ZodMiniType>(schema: S, handle: (value: z.infer<S>) => void) => {
    const value = parseWith(schema, payload);
    if (value !== null) handle(value);
  };
  switch (event) {
    case "clock_ping":
      return with_(ClockPing, (v) => on.clockPing(v));
    case "clock_pong":
      return with_(ClockPong, (v) => on.clockPong(v));
    case "state_request":
      return on.stateRequest();
    case "playback_request":
      return with_(PlaybackRequestEvent, (v) => on.playbackRequest(v));
    case "buffering":
      return with_(BufferingEvent, (v) => on.buffering(v));
    case "host_changed":
      return with_(HostChangedEvent, (v) => on.hostChanged(v));
    case "room_updated":
      return with_(RoomUpdatedEvent, (v) => on.roomUpdated(v));
    case "member_joined":
    case "member_left":
      return on.membersChanged();
    case "room_deleted":
      return on.roomDeleted();
  }
}
