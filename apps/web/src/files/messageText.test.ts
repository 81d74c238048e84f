import { describe, expect, it } from 'vitest';
import { message } from '../test/fixtures.ts';
import { messageText } from './messageText.ts';

const file = (id: string, name: string) => ({ id, name, mime: 'image/png', size: 1, url: `/api/files/${id}`, width: 1, height: 1, thumbnailUrl: null });

describe('messageText', () => {
  it('is the body whenever there is one', () => {
    expect(messageText(message(1, { body: 'look', attachments: [file('1', 'a.png')] }))).toBe('look');
  });

  it('says what a message of files only shares', () => {
    expect(messageText(message(1, { body: '', attachments: [file('1', 'sunset.png')] }))).toBe('shared sunset.png');
    expect(messageText(message(1, { body: '', attachments: [file('1', 'a.png'), file('2', 'b.png')] }))).toBe('shared 2 files');
  });
});
