import { serve } from "../_shared/deno-serve.ts";
import { syncGetHostTime } from "../_shared/handlers/sync-get-host-time.ts";

serve(syncGetHostTime);
