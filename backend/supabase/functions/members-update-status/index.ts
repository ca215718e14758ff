import { serve } from "../_shared/deno-serve.ts";
import { membersUpdateStatus } from "../_shared/handlers/members-update-status.ts";

serve(membersUpdateStatus);
