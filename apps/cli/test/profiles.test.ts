import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { chatServerForFile } from './chat.ts';

const { dir, server, chat, json } = chatServerForFile('profiles', [['ana', 'Ana Lima'], ['ben', 'Ben Ode']]);

describe('chat profile, status and avatar', () => {
  test('a status line is set, shown to others, and cleared; an empty or too long one is refused', async () => {
    const set = await chat('ana', 'status', 'on', 'holiday', 'until', 'Monday');
    expect(set.out, set.err).toContain('status:  on holiday until Monday');
    const shown = await chat('ben', 'profile', '@ana');
    expect(shown.lines.slice(0, 3)).toEqual(['Ana Lima (@ana)', '  status:  on holiday until Monday', '  picture: (none)']);
    const [profile] = await json('ben', 'profile', 'ana');
    expect(profile).toMatchObject({ user: { username: 'ana' }, status: 'on holiday until Monday', avatar: null, deactivated: false });

    expect(await chat('ana', 'status')).toMatchObject({ code: 2, err: expect.stringContaining('--clear') });
    expect(await chat('ana', 'status', 'x'.repeat(101))).toMatchObject({ code: 2, err: expect.stringContaining('status') });
    const [cleared] = await json('ana', 'status', '--clear');
    expect(cleared.status).toBe('');
    expect((await chat('ana', 'profile')).lines[1]).toBe('  status:  (none)');
    expect((await chat('ben', 'profile', 'nobody')).code).toBe(4);
  });

  test('a picture is uploaded from a file and set; not an image is refused; --remove takes it away', async () => {
    const png = join(dir, 'me.png');
    writeFileSync(png, await sharp({ create: { width: 120, height: 80, channels: 3, background: '#3a7' } }).png().toBuffer());
    const [mine] = await json('ben', 'avatar', png);
    expect(mine.avatar).toEqual({ small: expect.stringMatching(/^\/api\/files\/\d+\/avatar-64$/), large: expect.stringMatching(/^\/api\/files\/\d+\/avatar-256$/) });
    const seen = await chat('ana', 'profile', 'ben');
    expect(seen.lines[2]).toBe(`  picture: ${server().url}${mine.avatar.large}`);

    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'just words');
    expect(await chat('ben', 'avatar', notes)).toMatchObject({ code: 2, err: expect.stringContaining('fileId: must be a PNG, JPEG, GIF, WebP or AVIF picture') });
    expect(await chat('ben', 'avatar', join(dir, 'missing.png'))).toMatchObject({ code: 2, err: expect.stringContaining('no such file') });
    expect(await chat('ben', 'avatar')).toMatchObject({ code: 2, err: expect.stringContaining('--remove') });
    expect((await json('ana', 'profile', 'ben'))[0].avatar).toEqual(mine.avatar);

    const removed = await chat('ben', 'avatar', '--remove');
    expect(removed.lines[2], removed.err).toBe('  picture: (none)');
  });
});
