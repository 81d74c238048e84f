import { describe, expect, it } from 'vitest';
import type { Attachment } from './attachment.ts';
import { savedUploads } from './savedUploads.ts';

function memoryStorage() {
  const data = new Map<string, string>();
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

const pdf: Attachment = { id: '3', name: 'notes.pdf', mime: 'application/pdf', size: 77, url: '/api/files/3', width: null, height: null, thumbnailUrl: null };

describe('saved uploads', () => {
  it("keeps each user's and room's finished uploads apart, across a reload", () => {
    const storage = memoryStorage();
    savedUploads('1', '10', storage).save([pdf]);
    expect(savedUploads('1', '10', storage).load()).toEqual([pdf]);
    expect(savedUploads('1', '11', storage).load()).toEqual([]);
    expect(savedUploads('2', '10', storage).load()).toEqual([]);
  });

  it('leaves nothing behind once there is nothing to keep', () => {
    const storage = memoryStorage();
    savedUploads('1', '10', storage).save([pdf]);
    savedUploads('1', '10', storage).save([]);
    expect(storage.data.size).toBe(0);
  });

  it('starts empty from unreadable or foreign data', () => {
    const storage = memoryStorage();
    storage.setItem('chat.draftFiles.1.10', '{not json');
    expect(savedUploads('1', '10', storage).load()).toEqual([]);
    storage.setItem('chat.draftFiles.1.10', JSON.stringify([{ id: 3 }]));
    expect(savedUploads('1', '10', storage).load()).toEqual([]);
  });
});
