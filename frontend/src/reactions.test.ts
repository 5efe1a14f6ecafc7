import { describe, expect, it } from 'vitest';
import { reactionTotal, toggled, type ReactionSummary } from './reactions';

const s = (counts: [string, number][], mine: string[]): ReactionSummary =>
  ({ subjectId: 'P1', counts: counts.map(([kind, count]) => ({ kind, count })), viewerReactions: mine }) as ReactionSummary;

describe('toggled', () => {
  it('adds the viewer’s reaction in kind order', () => {
    const next = toggled(s([['LOVE', 2]], []), 'LIKE');
    expect(next.counts).toEqual([
      { kind: 'LIKE', count: 1 },
      { kind: 'LOVE', count: 2 },
    ]);
    expect(next.viewerReactions).toEqual(['LIKE']);
    expect(reactionTotal(next)).toBe(3);
  });

  it('takes it back and drops kinds nobody chose', () => {
    const next = toggled(s([['LIKE', 1], ['FUNNY', 3]], ['LIKE', 'FUNNY']), 'LIKE');
    expect(next.counts).toEqual([{ kind: 'FUNNY', count: 3 }]);
    expect(next.viewerReactions).toEqual(['FUNNY']);
  });
});
