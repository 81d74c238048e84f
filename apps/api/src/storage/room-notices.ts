import type { RoomNotice, RoomRole } from '@chat/api-types';

// The words of a room's notices, shared by both engines: a client that shows only bodies reads
// the same sentence whichever store wrote it. The actor's name goes before it ("Ann renamed…").

const AS_ROLE: Record<RoomRole, string> = { owner: 'the owner', admin: 'an admin', member: 'a member' };

/** The notice as a sentence without its subject, who is the message's author. */
export function noticeBody(notice: RoomNotice): string {
  switch (notice.kind) {
    case 'renamed':
      return `renamed the room to “${notice.name}”`;
    case 'topic-changed':
      return notice.topic === '' ? 'cleared the topic' : `changed the topic to “${notice.topic}”`;
    case 'archived':
      return 'archived the room';
    case 'unarchived':
      return 'unarchived the room';
    case 'role-changed':
      return `made ${notice.user.displayName} ${AS_ROLE[notice.role]}`;
    case 'member-removed':
      return `removed ${notice.user.displayName} from the room`;
  }
}
