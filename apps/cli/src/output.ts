import type { Message, Room, RouterOutputs, User } from '@chat/client';

/** Machine output: one JSON document per line, so scripts can read a stream line by line. */
export const printJson = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);

export const print = (line: string): void => void process.stdout.write(`${line}\n`);

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function formatMessage(message: Message): string {
  const body = message.deleted ? '(message deleted)' : message.body;
  const files = message.attachments.map((a) => ` [file: ${a.name}]`).join('');
  const edited = message.editedAt && !message.deleted ? ' (edited)' : '';
  return `[${time(message.createdAt)}] ${message.author.displayName}: ${body}${files}${edited}`;
}

const roomMark = { public: '#', private: '🔒', direct: '@' } as const;

export function formatRoom(room: Room): string {
  const state = room.joined ? (room.unreadCount > 0 ? ` (${room.unreadCount} unread)` : '') : ' (not joined)';
  const topic = room.topic ? ` — ${room.topic}` : '';
  return `${roomMark[room.kind]} ${room.name}${state}${topic}  [id ${room.id}]`;
}

export const formatUser = (user: User): string => `${user.displayName} (@${user.username})`;

const moment = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

export function formatSession(session: RouterOutputs['auth']['sessions'][number]): string {
  const current = session.current ? ' (this one)' : '';
  return `${session.device}${current} — signed in ${moment(session.createdAt)}, last used ${moment(session.lastUsedAt)}  [id ${session.id}]`;
}
