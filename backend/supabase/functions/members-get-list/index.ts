import { serve } from "../_shared/deno-serve.ts";
import { membersGetList } from "../_shared/handlers/members-get-list.ts";

serve(membersGetList);
