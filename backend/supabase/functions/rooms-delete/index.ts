import { serve } from "../_shared/deno-serve.ts";
import { roomsDelete } from "../_shared/handlers/rooms-delete.ts";

serve(roomsDelete);
