import type { Message } from '@chat/api-types';

/**
 * What every row of a message list carries, whatever it draws: its place in the room (seq counts
 * every message from 1; how many there are is not known here, and only some are drawn at a time),
 * the attributes the read marker and scroll anchors find it by, and a focus a jump to it (a search
 * hit, a pin) can take.
 */
export function messageRow(message: Pick<Message, 'id' | 'seq'>) {
  return {
    role: 'listitem',
    'aria-posinset': message.seq,
    'aria-setsize': -1,
    'data-message-id': message.id,
    'data-seq': message.seq,
    tabIndex: -1,
  } as const;
}
