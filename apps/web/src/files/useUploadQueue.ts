import { useEffect, useState, useSyncExternalStore } from 'react';
import { useAuth } from '../auth/authContext.ts';
import { useMe } from '../auth/meContext.ts';
import { savedUploads } from './savedUploads.ts';
import { uploadFile } from './upload.ts';
import { createUploadQueue, type QueueState, type UploadQueue } from './uploadQueue.ts';

/**
 * The upload queue of a composer, by the place its draft is kept (the open room, or a thread of
 * it); leaving cancels what is still uploading.
 */
export function useUploadQueue(place: string): UploadQueue {
  // A new token remounts the whole signed-in tree, so the queue never outlives its token.
  const { token } = useAuth();
  const me = useMe();
  const [queue] = useState(() => createUploadQueue((file, opts) => uploadFile(file, { ...opts, token }), savedUploads(me.id, place, localStorage)));
  useEffect(() => () => queue.abortAll(), [queue]);
  return queue;
}

export function useUploads(queue: UploadQueue): QueueState {
  return useSyncExternalStore(queue.subscribe, queue.get);
}
