import { describe, expect, it } from 'vitest';
import type { Attachment } from './attachment.ts';
import { hasFailed, isUploading, restoredUploads, uploadedAttachments, uploadsReducer, type UploadAction, type Uploads } from './uploads.ts';

const added = (key: string): UploadAction => ({ type: 'added', upload: { key, name: `${key}.png`, size: 100, previewUrl: null } });
const attachment = (id: string): Attachment => ({
  id,
  name: `${id}.png`,
  mime: 'image/png',
  size: 100,
  url: `/api/files/${id}`,
  width: 10,
  height: 10,
  thumbnailUrl: `/api/files/${id}/thumbnail`,
});
const failure = { message: 'Too large for this server.', retryable: false };
const run = (...actions: UploadAction[]): Uploads => actions.reduce(uploadsReducer, [] as Uploads);

describe('uploads', () => {
  it('follows a file from picked to uploaded, with progress that never goes back', () => {
    const uploads = run(added('a'), { type: 'progressed', key: 'a', progress: 0.6 }, { type: 'progressed', key: 'a', progress: 0.4 });
    expect(uploads[0]).toMatchObject({ status: 'uploading', progress: 0.6 });
    expect(isUploading(uploads)).toBe(true);
    const done = uploadsReducer(uploads, { type: 'uploaded', key: 'a', attachment: attachment('7') });
    expect(done[0]).toMatchObject({ status: 'uploaded', progress: 1 });
    expect(isUploading(done)).toBe(false);
    expect(uploadedAttachments(done)).toEqual([attachment('7')]);
  });

  it('keeps the order the files were picked in, whatever order they finish in', () => {
    const uploads = run(added('a'), added('b'), { type: 'uploaded', key: 'b', attachment: attachment('2') }, { type: 'uploaded', key: 'a', attachment: attachment('1') });
    expect(uploadedAttachments(uploads).map((a) => a.id)).toEqual(['1', '2']);
  });

  it('keeps a failure with its file until it is retried or removed', () => {
    const failed = run(added('a'), added('b'), { type: 'failed', key: 'a', failure });
    expect(hasFailed(failed)).toBe(true);
    expect(failed[0]).toMatchObject({ status: 'failed', failure });
    const retried = uploadsReducer(failed, { type: 'retried', key: 'a' });
    expect(retried[0]).toMatchObject({ status: 'uploading', progress: 0 });
    expect(retried[0]).not.toHaveProperty('failure');
    expect(hasFailed(uploadsReducer(failed, { type: 'removed', key: 'a' }))).toBe(false);
  });

  it('ignores answers for a file no longer waiting for one', () => {
    const removed = run(added('a'), { type: 'removed', key: 'a' }, { type: 'uploaded', key: 'a', attachment: attachment('1') });
    expect(removed).toEqual([]);
    const uploaded = run(added('a'), { type: 'uploaded', key: 'a', attachment: attachment('1') }, { type: 'failed', key: 'a', failure });
    expect(uploaded[0]?.status).toBe('uploaded');
    expect(run(added('a'), { type: 'retried', key: 'a' })[0]?.status).toBe('uploading');
  });

  it('adds a file once and clears everything once sent', () => {
    expect(run(added('a'), added('a'))).toHaveLength(1);
    expect(run(added('a'), added('b'), { type: 'cleared' })).toEqual([]);
  });

  it('brings back files uploaded before a reload as ready to send', () => {
    const restored = restoredUploads([attachment('4'), attachment('5')]);
    expect(restored.map((u) => [u.name, u.status])).toEqual([
      ['4.png', 'uploaded'],
      ['5.png', 'uploaded'],
    ]);
    expect(uploadedAttachments(uploadsReducer(restored, { type: 'removed', key: restored[0]?.key ?? '' }))).toEqual([attachment('5')]);
  });
});
