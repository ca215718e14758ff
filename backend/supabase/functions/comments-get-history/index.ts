import { serve } from "../_shared/deno-serve.ts";
import { commentsGetHistory } from "../_shared/handlers/comments-get-history.ts";

serve(commentsGetHistory);
