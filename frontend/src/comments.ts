// A post's comments arrive as one flat list (each names its parent) and
// then one by one, live or from the viewer's own composer. This module keeps
// that list free of duplicates and turns it into the reply tree the post
// page renders.

export interface ThreadComment {
  id: string;
  parentID?: string | null;
  createdAt: string;
}

export interface ThreadNode<C extends ThreadComment> {
  comment: C;
  depth: number;
  replies: ThreadNode<C>[];
}

const byTime = <C extends ThreadComment>(a: C, b: C) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id.localeCompare(b.id, 'en', { numeric: true });

/**
 * Builds the reply tree: oldest first at every level. A reply whose parent
 * is not in the list (deleted, hidden, or on a page not loaded) is shown at
 * the top level rather than lost.
 */
export function buildThread<C extends ThreadComment>(comments: readonly C[]): ThreadNode<C>[] {
  const ids = new Set(comments.map((c) => c.id));
  const children = new Map<string | null, C[]>();
  for (const c of comments) {
    const parent = c.parentID && ids.has(c.parentID) && c.parentID !== c.id ? c.parentID : null;
    const list = children.get(parent);
    if (list) list.push(c);
    else children.set(parent, [c]);
  }
  const seen = new Set<string>();
  const grow = (parent: string | null, depth: number): ThreadNode<C>[] =>
    [...(children.get(parent) ?? [])].sort(byTime).flatMap((comment) => {
      if (seen.has(comment.id)) return []; // a cycle in bad data: show each comment once
      seen.add(comment.id);
      return [{ comment, depth, replies: grow(comment.id, depth + 1) }];
    });
  return grow(null, 0);
}

/** Adds or replaces a comment by id (live arrivals may repeat the viewer's own). */
export function upsertComment<C extends ThreadComment>(list: readonly C[], c: C): C[] {
  const i = list.findIndex((x) => x.id === c.id);
  if (i < 0) return [...list, c];
  const next = [...list];
  next[i] = c;
  return next;
}

/**
 * Merges comments fetched again after the live socket dropped and came back
 * (the oldest ones, `more` when there are later ones) into those shown;
 * `before` holds the ids shown when they were asked for. Within what was
 * fetched the server's list counts: comments removed meanwhile go, edited
 * ones are current. Comments after it stay: later pages, and live arrivals
 * since the fetch was asked for.
 */
export function refreshComments<C extends ThreadComment>(shown: readonly C[], before: ReadonlySet<string>, fetched: readonly C[], more: boolean): C[] {
  const ids = new Set(fetched.map((c) => c.id));
  const newest = fetched.reduce((m, c) => (c.createdAt > m ? c.createdAt : m), '');
  return [...fetched, ...shown.filter((c) => !ids.has(c.id) && (!before.has(c.id) || (more && c.createdAt > newest)))];
}

/** Removes a comment; its replies move up to the top level (see buildThread). */
export function removeComment<C extends ThreadComment>(list: readonly C[], id: string): C[] {
  return list.filter((c) => c.id !== id);
}

/** Number of comments in a tree. */
export function countThread<C extends ThreadComment>(nodes: readonly ThreadNode<C>[]): number {
  return nodes.reduce((n, node) => n + 1 + countThread(node.replies), 0);
}
