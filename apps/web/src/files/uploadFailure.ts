import { formatSize } from './formatSize.ts';

/** Why an upload did not go through, said for the user, and whether trying again can help. */
export interface UploadFailure {
  message: string;
  retryable: boolean;
}

/** What the server said (`{ error, maxBytes? }`), if it said it in JSON. */
function serverAnswer(body: string): { error?: unknown; maxBytes?: unknown } {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null) return parsed;
  } catch {
    // Not JSON: a proxy's error page, or nothing.
  }
  return {};
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/** What an upload answered with `status` (0: no answer at all) means for the user. */
export function uploadFailure(status: number, body: string): UploadFailure {
  const answer = serverAnswer(body);
  const reason = typeof answer.error === 'string' ? answer.error : null;
  switch (true) {
    case status === 0:
      return { message: "Couldn't reach the server. Check your connection and retry.", retryable: true };
    case status === 413: {
      const limit = answer.maxBytes;
      return { message: typeof limit === 'number' ? `Too large: the limit is ${formatSize(limit)}.` : 'Too large for this server.', retryable: false };
    }
    case status === 415:
      return { message: reason ? sentence(reason) : "This type of file isn't accepted here.", retryable: false };
    case status === 401:
      return { message: 'Your session has ended. Sign in again to upload.', retryable: false };
    case status === 429:
      return { message: 'Too many uploads at once. Wait a moment and retry.', retryable: true };
    case status >= 500:
      return { message: 'Something went wrong on the server. Retry in a moment.', retryable: true };
    default:
      return { message: reason ? sentence(reason) : `The upload was refused (${status}).`, retryable: false };
  }
}
