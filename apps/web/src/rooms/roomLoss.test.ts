import { describe, expect, it } from 'vitest';
import { alice, bob, message, notice, room } from '../test/fixtures.ts';
import { removesMe, roomLoss, roomLossText } from './roomLoss.ts';

describe('roomLoss', () => {
  it('tells a deleted room from a removal and a leave elsewhere', () => {
    expect(roomLoss('NOT_FOUND', false)).toBe('deleted');
    expect(roomLoss('FORBIDDEN', true)).toBe('removed');
    expect(roomLoss('FORBIDDEN', false)).toBe('left');
  });

  it('leaves the room alone when the stream ended for another reason', () => {
    expect(roomLoss(undefined, true)).toBeNull();
    expect(roomLoss('UNAUTHORIZED', true)).toBeNull();
  });
});

describe('removesMe', () => {
  it('spots the notice of my removal only', () => {
    const removal = (user: typeof alice) => ({ type: 'created' as const, message: notice(1, { kind: 'member-removed', user }, bob) });
    expect(removesMe(removal(alice), alice.id)).toBe(true);
    expect(removesMe(removal(bob), alice.id)).toBe(false);
    expect(removesMe({ type: 'created', message: message(1) }, alice.id)).toBe(false);
  });
});

describe('roomLossText', () => {
  it('says what happened, naming the room', () => {
    const lunch = room({ name: 'Lunch' });
    expect([roomLossText(lunch, 'removed'), roomLossText(lunch, 'left'), roomLossText(lunch, 'deleted')]).toEqual([
      'You were removed from #Lunch',
      'You left #Lunch',
      '#Lunch was deleted',
    ]);
  });
});
