import { describe, expect, it } from 'vitest';
import { attachmentKind } from './attachmentKind.ts';

describe('attachmentKind', () => {
  it('shows images the server made a thumbnail of, animated GIFs included', () => {
    expect(attachmentKind({ mime: 'image/png', thumbnailUrl: '/api/files/1/thumbnail' })).toBe('image');
    expect(attachmentKind({ mime: 'image/gif', thumbnailUrl: '/api/files/2/thumbnail' })).toBe('image');
  });

  it('makes an image without a thumbnail a file card', () => {
    expect(attachmentKind({ mime: 'image/bmp', thumbnailUrl: null })).toBe('file');
    expect(attachmentKind({ mime: 'image/svg+xml', thumbnailUrl: null })).toBe('file');
  });

  it('plays video and audio the browser can play', () => {
    expect(attachmentKind({ mime: 'video/mp4', thumbnailUrl: null })).toBe('video');
    expect(attachmentKind({ mime: 'video/webm', thumbnailUrl: null })).toBe('video');
    expect(attachmentKind({ mime: 'audio/mpeg', thumbnailUrl: null })).toBe('audio');
    expect(attachmentKind({ mime: 'audio/wav', thumbnailUrl: null })).toBe('audio');
  });

  it('offers everything else as a download', () => {
    for (const mime of ['application/pdf', 'text/html', 'application/zip', 'video/x-msvideo', 'text/plain']) {
      expect(attachmentKind({ mime, thumbnailUrl: null })).toBe('file');
    }
  });
});
