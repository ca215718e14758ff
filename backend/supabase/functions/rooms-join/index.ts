import { serve } from "../_shared/deno-serve.ts";
import { roomsJoin } from "../_shared/handlers/rooms-join.ts";

serve(roomsJoin);
