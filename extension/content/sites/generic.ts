import type { Site } from "./site.ts";

/** Any page: the page's address is the content, its title the name. */
export const genericSite: Site = {
  name: "generic",
  matches: () => true,
  media(doc, url) {
    const title = doc.title.trim().slice(0, 200);
    const episode = /\b(?:ep(?:isode)?|e)\s*\.?\s*(\d{1,4})\b/i.exec(title)?.[1];
    return {
      anime_id: `${url.hostname}${url.pathname}`.slice(0, 200),
      anime_title: title || url.hostname,
      episode_number: episode ? Number(episode) : 1,
    };
  },
};
