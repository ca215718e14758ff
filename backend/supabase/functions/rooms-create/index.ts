import { serve } from "../_shared/deno-serve.ts";
import { roomsCreate } from "../_shared/handlers/rooms-create.ts";

serve(roomsCreate);
