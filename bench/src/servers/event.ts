/**
 * The event the baseline servers broadcast: the same shape and size as our server's
 * `message.onEvent` payload, so every target puts the same bytes on the wire.
 */
export interface BaselineEvent {
  type: 'created';
  message: {
    id: string;
    roomId: string;
    seq: number;
    author: { id: string; username: string; displayName: string };
    body: string;
    clientMsgId: string;
    createdAt: string;
    editedAt: null;
    deleted: false;
    attachments: [];
  };
}

export class RoomSequencer {
  private nextMessageId = 1;
  private readonly seqs = new Map<string, number>();

  event(roomId: string, authorId: string, body: string, clientMsgId: string): BaselineEvent {
    const seq = (this.seqs.get(roomId) ?? 0) + 1;
    this.seqs.set(roomId, seq);
    const author = { id: authorId, username: `user${authorId}`, displayName: `User ${authorId}` };
    const message = { id: String(this.nextMessageId++), roomId, seq, author, body, clientMsgId, createdAt: new Date().toISOString() };
    return { type: 'created', message: { ...message, editedAt: null, deleted: false, attachments: [] } };
  }
}
