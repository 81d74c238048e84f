import { describe, expect, it } from 'vitest';
import { uploadFailure } from './uploadFailure.ts';

const error = (text: string) => JSON.stringify({ error: text });

describe('uploadFailure', () => {
  it('states the size limit the server named', () => {
    expect(uploadFailure(413, JSON.stringify({ error: 'the file is larger than 10485760 bytes', maxBytes: 10485760 }))).toEqual({ message: 'Too large: the limit is 10 MB.', retryable: false });
    expect(uploadFailure(413, '<html>nginx</html>')).toEqual({ message: 'Too large for this server.', retryable: false });
  });

  it("passes on the server's reason for a refused type, as a sentence", () => {
    expect(uploadFailure(415, error('files of type application/zip are not accepted on this server'))).toEqual({
      message: 'Files of type application/zip are not accepted on this server.',
      retryable: false,
    });
  });

  it('offers a retry only where one can help', () => {
    expect(uploadFailure(0, '').retryable).toBe(true);
    expect(uploadFailure(429, error('slow down')).retryable).toBe(true);
    expect(uploadFailure(503, error('the database is unavailable; try again shortly')).retryable).toBe(true);
    expect(uploadFailure(401, error('sign in first')).retryable).toBe(false);
    expect(uploadFailure(400, error('the file is empty'))).toEqual({ message: 'The file is empty.', retryable: false });
  });

  it('says something useful without a reason', () => {
    expect(uploadFailure(0, '').message).toBe("Couldn't reach the server. Check your connection and retry.");
    expect(uploadFailure(418, '').message).toBe('The upload was refused (418).');
  });
});
