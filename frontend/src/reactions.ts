import type { ReactionFieldsFragment } from './gql/graphql';

// Reactions on a post or comment: a count per kind and the kinds the viewer
// chose. The bar toggles a kind optimistically and then takes the server's
// summary (react/unreact answer with the subject's new summary).

export type ReactionSummary = ReactionFieldsFragment;
export type ReactionKind = ReactionSummary['viewerReactions'][number];

/** Display order; the server sends counts in the same order. */
export const REACTION_KINDS: readonly ReactionKind[] = ['LIKE', 'LOVE', 'CELEBRATE', 'INSIGHTFUL', 'FUNNY'];

export const REACTION_EMOJI: Record<ReactionKind, string> = {
  LIKE: '👍',
  LOVE: '❤️',
  CELEBRATE: '🎉',
  INSIGHTFUL: '💡',
  FUNNY: '😄',
};

export function reactionCount(s: ReactionSummary | null | undefined, kind: ReactionKind): number {
  return s?.counts.find((c) => c.kind === kind)?.count ?? 0;
}

export function reactionTotal(s: ReactionSummary | null | undefined): number {
  return s?.counts.reduce((n, c) => n + c.count, 0) ?? 0;
}

export function hasReacted(s: ReactionSummary | null | undefined, kind: ReactionKind): boolean {
  return !!s?.viewerReactions.includes(kind);
}

/** The summary after the viewer toggles `kind` (what the server will answer). */
export function toggled(s: ReactionSummary, kind: ReactionKind): ReactionSummary {
  const on = !hasReacted(s, kind);
  const delta = on ? 1 : -1;
  const counts = REACTION_KINDS.flatMap((k) => {
    const n = reactionCount(s, k) + (k === kind ? delta : 0);
    return n > 0 ? [{ ...(s.counts.find((c) => c.kind === k) ?? {}), kind: k, count: n }] : [];
  });
  const viewerReactions = on ? REACTION_KINDS.filter((k) => k === kind || s.viewerReactions.includes(k)) : s.viewerReactions.filter((k) => k !== kind);
  return { ...s, counts, viewerReactions };
}
