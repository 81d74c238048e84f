import type { Message } from '@chat/api-types';
import { createContext, useContext } from 'react';
import type { MessageRights } from '../rooms/roomRights.ts';

/** What the list a message is shown in lets it do, beyond what a message does on its own. */
export interface MessageListActions extends MessageRights {
  /** Answers the message in the list's composer. */
  reply(message: Message): void;
  /** Opens a thread beside the list, by its first message; null where no thread opens (in one already). */
  openThread: ((rootId: string) => void) | null;
  /** In a thread's panel, its first message: the replies there need not quote it. */
  threadRootId: string | null;
}

export const MessageListContext = createContext<MessageListActions | null>(null);

export function useMessageList(): MessageListActions {
  const actions = useContext(MessageListContext);
  if (!actions) throw new Error('useMessageList outside <MessageListContext>');
  return actions;
}
