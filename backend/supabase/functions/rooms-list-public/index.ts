import { serve } from "../_shared/deno-serve.ts";
import { roomsListPublic } from "../_shared/handlers/rooms-list-public.ts";

serve(roomsListPublic);
