import { serve } from "../_shared/deno-serve.ts";
import { syncControl } from "../_shared/handlers/sync-control.ts";

serve(syncControl);
