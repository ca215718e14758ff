import { serve } from "../_shared/deno-serve.ts";
import { roomsLeave } from "../_shared/handlers/rooms-leave.ts";

serve(roomsLeave);
