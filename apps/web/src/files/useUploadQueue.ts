import { useEffect, useState, useSyncExternalStore } from 'react';
import { useAuth } from '../auth/authContext.ts';
import { useMe } from '../auth/meContext.ts';
import { savedUploads } from './savedUploads.ts';
import { uploadFile } from './upload.ts';
import { createUploadQueue, type QueueState, type UploadQueue } from './uploadQueue.ts';

/** The upload queue of the open room; leaving the room cancels what is still uploading. */
export function useUploadQueue(roomId: string): UploadQueue {
  // A new token remounts the whole signed-in tree, so the queue never outlives its token.
  const { token } = useAuth();
  const me = useMe();
  const [queue] = useState(() => createUploadQueue((file, opts) => uploadFile(file, { ...opts, token }), savedUploads(me.id, roomId, localStorage)));
  useEffect(() => () => queue.abortAll(), [queue]);
  return queue;
}

export function useUploads(queue: UploadQueue): QueueState {
  return useSyncExternalStore(queue.subscribe, queue.get);
}
