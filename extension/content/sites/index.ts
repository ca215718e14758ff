import { genericSite } from "./generic.ts";
import type { Site } from "./site.ts";

/** Specific sites first; the generic one matches everything. */
const SITES: Site[] = [genericSite];

export function siteFor(url: URL): Site {
  return SITES.find((s) => s.matches(url)) ?? genericSite;
}
