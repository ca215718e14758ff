import { serve } from "../_shared/deno-serve.ts";
import { commentsCreate } from "../_shared/handlers/comments-create.ts";

serve(commentsCreate);
