import { describe, expect, it } from 'vitest';
import { room } from '../test/fixtures.ts';
import { roomChanges } from './roomChanges.ts';

describe('roomChanges', () => {
  const general = room({ name: 'General', topic: 'Anything goes' });

  it('gives only the fields that changed, trimmed', () => {
    expect(roomChanges(general, { name: ' Lunch ', topic: 'Anything goes' })).toEqual({ name: 'Lunch' });
    expect(roomChanges(general, { name: 'General', topic: 'Where we eat ' })).toEqual({ topic: 'Where we eat' });
    expect(roomChanges(general, { name: 'Lunch', topic: '' })).toEqual({ name: 'Lunch', topic: '' });
  });

  it('has nothing to save when only spaces were added', () => {
    expect(roomChanges(general, { name: 'General  ', topic: ' Anything goes' })).toBeNull();
  });

  it('passes a blank name on, for the schema to refuse', () => {
    expect(roomChanges(general, { name: '   ', topic: 'Anything goes' })).toEqual({ name: '' });
  });
});
