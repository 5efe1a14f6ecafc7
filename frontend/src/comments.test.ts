import { describe, expect, it } from 'vitest';
import { buildThread, countThread, refreshComments, removeComment, upsertComment } from './comments';

const c = (id: string, parentID: string | null, minute: number) => ({
  id,
  parentID,
  createdAt: `2025-03-01T10:${String(minute).padStart(2, '0')}:00Z`,
});

describe('comment threads', () => {
  it('nests replies under their parents, oldest first at every level', () => {
    const tree = buildThread([c('3', '1', 3), c('1', null, 1), c('2', null, 2), c('4', '3', 4), c('5', '1', 5)]);
    expect(tree.map((n) => n.comment.id)).toEqual(['1', '2']);
    expect(tree[0].replies.map((n) => n.comment.id)).toEqual(['3', '5']);
    expect(tree[0].replies[0].replies[0]).toMatchObject({ comment: { id: '4' }, depth: 2 });
    expect(countThread(tree)).toBe(5);
  });

  it('keeps replies whose parent is gone at the top level', () => {
    const tree = buildThread([c('2', 'missing', 2), c('1', null, 1)]);
    expect(tree.map((n) => n.comment.id)).toEqual(['1', '2']);
  });

  it('survives cycles in bad data', () => {
    const tree = buildThread([c('1', '2', 1), c('2', '1', 2), c('3', null, 3)]);
    expect(countThread(tree)).toBeLessThanOrEqual(3);
    expect(tree.map((n) => n.comment.id)).toContain('3');
  });

  it('after the live socket came back, takes the refetched comments and keeps later ones and arrivals', () => {
    const shown = [c('1', null, 1), c('2', '1', 2), c('3', null, 3), c('4', null, 4), c('9', null, 9)];
    const before = new Set(['1', '2', '3', '4']); // 9 arrived while the refetch was on its way
    // Refetched: the first three, of more; 2 was deleted meanwhile, 5 added.
    const fetched = [c('1', null, 1), c('3', null, 3), c('5', '3', 5)];
    expect(refreshComments(shown, before, fetched, true).map((x) => x.id)).toEqual(['1', '3', '5', '9']);
    // Everything refetched: 4, shown before and not among them, is gone too.
    expect(refreshComments(shown, before, fetched, false).map((x) => x.id)).toEqual(['1', '3', '5', '9']);
    const later = [...shown.slice(0, 4), c('6', null, 6), shown[4]]; // 6: a page loaded later
    expect(refreshComments(later, new Set([...before, '6']), fetched, true).map((x) => x.id)).toEqual(['1', '3', '5', '6', '9']);
    expect(refreshComments(later, new Set([...before, '6']), fetched, false).map((x) => x.id)).toEqual(['1', '3', '5', '9']);
  });

  it('adds a comment once and replaces it when it comes again', () => {
    let list = upsertComment([c('1', null, 1)], c('2', '1', 2));
    list = upsertComment(list, { ...c('2', '1', 2), createdAt: '2025-03-01T10:02:00Z' });
    expect(list.map((x) => x.id)).toEqual(['1', '2']);
    expect(removeComment(list, '1').map((x) => x.id)).toEqual(['2']);
  });
});
