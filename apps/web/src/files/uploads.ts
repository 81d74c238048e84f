import type { Attachment } from './attachment.ts';
import type { UploadFailure } from './uploadFailure.ts';

/** A file picked for the next message, from the moment it is picked until the message is sent. */
export interface PendingUpload {
  key: string;
  name: string;
  size: number;
  /** An object URL of the local file, for image previews before the server has one. */
  previewUrl: string | null;
  status: 'uploading' | 'uploaded' | 'failed';
  /** Share of the bytes sent, 0 to 1. */
  progress: number;
  attachment?: Attachment;
  failure?: UploadFailure;
}

export type Uploads = readonly PendingUpload[];

export type UploadAction =
  | { type: 'added'; upload: Pick<PendingUpload, 'key' | 'name' | 'size' | 'previewUrl'> }
  | { type: 'progressed'; key: string; progress: number }
  | { type: 'uploaded'; key: string; attachment: Attachment }
  | { type: 'failed'; key: string; failure: UploadFailure }
  | { type: 'retried'; key: string }
  | { type: 'removed'; key: string }
  | { type: 'cleared' };

function update(uploads: Uploads, key: string, status: PendingUpload['status'], change: (u: PendingUpload) => PendingUpload): Uploads {
  // Only an upload in the expected state changes: a late answer for a retried or removed file is ignored.
  return uploads.map((u) => (u.key === key && u.status === status ? change(u) : u));
}

export function uploadsReducer(uploads: Uploads, action: UploadAction): Uploads {
  switch (action.type) {
    case 'added':
      if (uploads.some((u) => u.key === action.upload.key)) return uploads;
      return [...uploads, { ...action.upload, status: 'uploading', progress: 0 }];
    case 'progressed':
      return update(uploads, action.key, 'uploading', (u) => ({ ...u, progress: Math.min(1, Math.max(u.progress, action.progress)) }));
    case 'uploaded':
      return update(uploads, action.key, 'uploading', (u) => ({ ...u, status: 'uploaded', progress: 1, attachment: action.attachment }));
    case 'failed':
      return update(uploads, action.key, 'uploading', (u) => ({ ...u, status: 'failed', failure: action.failure }));
    case 'retried':
      return update(uploads, action.key, 'failed', ({ failure: _gone, ...u }) => ({ ...u, status: 'uploading', progress: 0 }));
    case 'removed':
      return uploads.filter((u) => u.key !== action.key);
    case 'cleared':
      return [];
  }
}

/** Uploads kept from an earlier visit (a reload, another room): already on the server. */
export function restoredUploads(attachments: readonly Attachment[]): Uploads {
  return attachments.map((attachment) => ({
    key: `saved-${attachment.id}`,
    name: attachment.name,
    size: attachment.size,
    previewUrl: null,
    status: 'uploaded',
    progress: 1,
    attachment,
  }));
}

export const isUploading = (uploads: Uploads): boolean => uploads.some((u) => u.status === 'uploading');

export const hasFailed = (uploads: Uploads): boolean => uploads.some((u) => u.status === 'failed');

/** What the message will carry, in the order the files were picked. */
export function uploadedAttachments(uploads: Uploads): Attachment[] {
  return uploads.flatMap((u) => (u.status === 'uploaded' && u.attachment ? [u.attachment] : []));
}
