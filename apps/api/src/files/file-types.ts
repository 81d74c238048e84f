/** How many leading bytes the sniffer looks at (file-type needs at most 4100). */
export const SNIFF_BYTES = 4100;

// Types a browser may render in the page. Everything else — HTML, SVG (which can carry
// scripts), executables, archives, PDFs — is only ever served as a download.
const INLINE = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'video/mp4',
  'video/webm',
  'video/ogg',
  'video/quicktime',
  'audio/mpeg',
  'audio/ogg',
  'audio/wav',
  'audio/x-wav',
  'audio/webm',
  'audio/mp4',
  'audio/aac',
  'audio/flac',
  'audio/x-flac',
  'text/plain',
]);

export const servesInline = (mime: string): boolean => INLINE.has(mime);

/**
 * The file's type from its content alone: the client's Content-Type and file name are never
 * trusted. Binary formats come from file-type's signatures; text is told apart from binary by
 * decoding it, and markup that a browser would execute is labelled as such.
 *
 * file-type is imported on the first upload, not at start: a server that never receives a file
 * need not hold its signatures and decoders in memory.
 */
export async function sniffType(head: Uint8Array): Promise<string> {
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(head);
  if (detected) return detected.mime;
  const text = decodeText(head);
  if (text === null) return 'application/octet-stream';
  const start = text.trimStart().slice(0, 512).toLowerCase();
  if (/^(<!doctype html|<html|<head|<body|<script|<iframe)/.test(start)) return 'text/html';
  if (/<svg[\s>]/.test(text.slice(0, 2048).toLowerCase())) return 'image/svg+xml';
  return 'text/plain';
}

function decodeText(head: Uint8Array): string | null {
  if (head.includes(0)) return null;
  try {
    // The sniffed prefix may cut a multi-byte character at its end; `stream` tolerates that.
    return new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return null;
  }
}

/** `patterns` like `image/*,application/pdf`; `*` allows everything. */
export function isAllowedType(mime: string, patterns: string[]): boolean {
  return patterns.some((p) => p === '*' || p === mime || (p.endsWith('/*') && mime.startsWith(p.slice(0, -1))));
}
