import { describe, expect, it } from 'vitest';
import { bellReducer, initialBell, type Notification } from './notifications';

const note = (id: string, minute: number, read = false): Notification =>
  ({
    __typename: 'Notification',
    id,
    kind: 'FOLLOW',
    subjectID: null,
    createdAt: `2025-03-01T10:${String(minute).padStart(2, '0')}:00Z`,
    readAt: read ? '2025-03-01T11:00:00Z' : null,
    actor: null,
  }) as unknown as Notification;

describe('notification bell', () => {
  it('keeps what arrived live during the first load', () => {
    let s = bellReducer(initialBell, { type: 'arrived', item: note('3', 3) });
    s = bellReducer(s, { type: 'loaded', items: [note('2', 2), note('1', 1, true)], unread: 1 });
    expect(s.items.map((n) => n.id)).toEqual(['3', '2', '1']);
    expect(s.unread).toBe(2);
  });

  it('after the live socket came back, the refetched page is what counts, with what arrived meanwhile', () => {
    let s = bellReducer(initialBell, { type: 'loaded', items: [note('3', 3), note('2', 2), note('1', 1)], unread: 3 });
    const before = new Set(s.items.map((n) => n.id));
    // While the refetch is on its way, the resumed subscription brings 6.
    s = bellReducer(s, { type: 'arrived', item: note('6', 6) });
    // Meanwhile 4 and 5 came, 2 was read elsewhere, and 1 fell off the page.
    s = bellReducer(s, { type: 'loaded', items: [note('5', 5), note('4', 4), note('3', 3), note('2', 2, true)], unread: 3, before });
    expect(s.items.map((n) => n.id)).toEqual(['6', '5', '4', '3', '2']);
    expect(s.unread).toBe(4);
  });
});
