import { describe, expect, it } from 'vitest';
import { bob, message } from '../test/fixtures.ts';
import { noticeText } from './noticeText.ts';

describe('noticeText', () => {
  it('puts who made the change before what the server wrote of it', () => {
    expect(noticeText(message(1, { author: bob, body: 'renamed the room to “Lunch”' }))).toBe('Bob renamed the room to “Lunch”');
  });
});
