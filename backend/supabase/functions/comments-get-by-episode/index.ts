import { serve } from "../_shared/deno-serve.ts";
import { commentsGetByEpisode } from "../_shared/handlers/comments-get-by-episode.ts";

serve(commentsGetByEpisode);
