import type { User } from '@chat/api-types';
import { describe, expect, it } from 'vitest';
import { alice, bob, carol, message } from '../test/fixtures.ts';
import { applyReadEvent, seenByText, showsSeenBy, whoHasSeen, type Readers } from './seenBy.ts';

const user = (n: number): User => ({ id: `u${n}`, username: `user${n}`, displayName: `User ${n}` });
const dave = user(4);
const erin = user(5);
const readers = (entries: Record<string, number>): Readers => new Map(Object.entries(entries));
const mine = message(5, { author: alice });

describe('whoHasSeen', () => {
  it('lists the members whose marker reached the message, not its author and not me, by name', () => {
    const seen = whoHasSeen(mine, readers({ [alice.id]: 9, [bob.id]: 5, [carol.id]: 4, [dave.id]: 7 }), [alice, dave, carol, bob], alice.id);
    expect(seen).toEqual({ users: [bob, dave], everyone: false });
  });

  it("leaves out another's message's author as well as me", () => {
    const theirs = message(5, { author: bob });
    expect(whoHasSeen(theirs, readers({ [alice.id]: 5, [bob.id]: 5, [carol.id]: 5 }), [alice, bob, carol], alice.id).users).toEqual([carol]);
  });

  it('knows no name for a reader the member list lacks, and counts no marker for a member without one', () => {
    expect(whoHasSeen(mine, readers({ stranger: 9 }), [alice, bob], alice.id)).toEqual({ users: [], everyone: false });
  });

  it('is everyone only when all of three or more others have seen it', () => {
    const all = readers({ [bob.id]: 5, [carol.id]: 5, [dave.id]: 5 });
    expect(whoHasSeen(mine, all, [alice, bob, carol, dave], alice.id).everyone).toBe(true);
    expect(whoHasSeen(mine, all, [alice, bob, carol, dave, erin], alice.id).everyone).toBe(false);
    expect(whoHasSeen(mine, all, [alice, bob, carol], alice.id)).toEqual({ users: [bob, carol], everyone: false });
  });
});

describe('seenByText', () => {
  it('names one or two, counts the rest, and says nothing for nobody', () => {
    expect(seenByText({ users: [], everyone: false })).toBeNull();
    expect(seenByText({ users: [bob], everyone: false })).toBe('Seen by Bob');
    expect(seenByText({ users: [bob, carol], everyone: false })).toBe('Seen by Bob and Carol');
    expect(seenByText({ users: [bob, carol, dave], everyone: false })).toBe('Seen by Bob, Carol and 1 other');
    expect(seenByText({ users: [bob, carol, dave, erin, user(6)], everyone: false })).toBe('Seen by Bob, Carol and 3 others');
    expect(seenByText({ users: [bob, carol, dave], everyone: true })).toBe('Seen by everyone');
  });
});

describe('applyReadEvent', () => {
  it('takes a snapshot whole, and moves one marker forward, never back', () => {
    const first = applyReadEvent(readers({ old: 3 }), { type: 'snapshot', readers: [{ userId: bob.id, lastReadSeq: 4 }] });
    expect(first).toEqual(readers({ [bob.id]: 4 }));
    expect(applyReadEvent(first, { type: 'read', userId: bob.id, lastReadSeq: 6 })).toEqual(readers({ [bob.id]: 6 }));
    expect(applyReadEvent(first, { type: 'read', userId: carol.id, lastReadSeq: 2 })).toEqual(readers({ [bob.id]: 4, [carol.id]: 2 }));
    expect(applyReadEvent(first, { type: 'read', userId: bob.id, lastReadSeq: 2 })).toBe(first);
  });
});

describe('showsSeenBy', () => {
  it('for direct rooms, and for rooms of at most 50 members', () => {
    expect(showsSeenBy({ kind: 'direct', memberCount: 2 })).toBe(true);
    expect(showsSeenBy({ kind: 'public', memberCount: 50 })).toBe(true);
    expect(showsSeenBy({ kind: 'private', memberCount: 51 })).toBe(false);
  });
});
