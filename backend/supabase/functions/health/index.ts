import { serve } from "../_shared/deno-serve.ts";
import { health } from "../_shared/handlers/health.ts";

serve(health);
