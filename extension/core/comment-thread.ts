/**
 * The comments of one episode as the sidebar shows them (pure): the anchor thread
 * pinned on top, then threads oldest first, each with its replies oldest first. A reply
 * to a reply joins its root thread. Comments arrive live and by fetch, page by page;
 * each is kept once by id, whichever way it came first.
 */

export interface ThreadComment {
  id: string;
  parent_id: string | null;
  is_anchor: boolean;
  created_at: string;
  user_id: string;
  username: string;
  message: string;
  video_timestamp: number;
}

export interface Thread<C extends ThreadComment = ThreadComment> {
  root: C;
  replies: C[];
}

export class CommentThreads<C extends ThreadComment = ThreadComment> {
  private readonly byId = new Map<string, C>();

  /** Adds or replaces comments; returns how many were new. */
  merge(comments: Iterable<C>): number {
    let added = 0;
    for (const c of comments) {
      if (!this.byId.has(c.id)) added++;
      this.byId.set(c.id, c);
    }
    return added;
  }

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The root a comment belongs under: follows parents up while they are loaded. */
  rootOf(comment: C): C {
    let current = comment;
    const seen = new Set<string>();
    while (current.parent_id && !seen.has(current.id)) {
      seen.add(current.id);
      const parent = this.byId.get(current.parent_id);
      if (!parent) break; // the parent is on an older page not loaded yet: show it as its own thread
      current = parent;
    }
    return current;
  }

  threads(): Thread<C>[] {
    const groups = new Map<string, Thread<C>>();
    for (const c of [...this.byId.values()].sort(byTime)) {
      const root = this.rootOf(c);
      let thread = groups.get(root.id);
      if (!thread) groups.set(root.id, (thread = { root, replies: [] }));
      if (c.id !== root.id) thread.replies.push(c);
    }
    const list = [...groups.values()];
    const anchor = list.filter((t) => t.root.is_anchor);
    const rest = list.filter((t) => !t.root.is_anchor).sort((a, b) => byTime(a.root, b.root));
    return [...anchor, ...rest];
  }
}

function byTime(a: ThreadComment, b: ThreadComment): number {
  return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
