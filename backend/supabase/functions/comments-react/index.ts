import { serve } from "../_shared/deno-serve.ts";
import { commentsReact } from "../_shared/handlers/comments-react.ts";

serve(commentsReact);
