/**
 * Site quirks live behind this one interface, one file per site. The generic site
 * covers any page; a site file may find its player differently or read the show and
 * episode from the page so rooms and comments line up per episode.
 */
export interface MediaIdentity {
  anime_id: string;
  anime_title?: string;
  episode_number?: number;
}

export interface Site {
  readonly name: string;
  matches(url: URL): boolean;
  /** Which show and episode the page plays. */
  media(doc: Document, url: URL): MediaIdentity;
}
