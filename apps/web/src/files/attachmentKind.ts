import type { Attachment } from './attachment.ts';

export type AttachmentKind = 'image' | 'video' | 'audio' | 'file';

// Formats browsers play in <video>/<audio> and the server serves inline. QuickTime is in because
// phones record it and browsers play its usual H.264/AAC content.
const VIDEO = new Set(['video/mp4', 'video/webm', 'video/ogg', 'video/quicktime']);
const AUDIO = new Set(['audio/mpeg', 'audio/ogg', 'audio/wav', 'audio/x-wav', 'audio/webm', 'audio/mp4', 'audio/aac', 'audio/flac', 'audio/x-flac']);

/**
 * How a message shows a file. An image is one the server could make a thumbnail of, which
 * proves it decodes; any other image (BMP, a broken PNG) is a file card like a document.
 */
export function attachmentKind(file: Pick<Attachment, 'mime' | 'thumbnailUrl'>): AttachmentKind {
  if (file.thumbnailUrl) return 'image';
  if (VIDEO.has(file.mime)) return 'video';
  if (AUDIO.has(file.mime)) return 'audio';
  return 'file';
}
