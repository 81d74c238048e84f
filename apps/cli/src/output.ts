import type { Message, Room, RouterOutputs, User } from '@chat/client';

/** Machine output: one JSON document per line, so scripts can read a stream line by line. */
export const printJson = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);

export const print = (line: string): void => void process.stdout.write(`${line}\n`);

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Who said what, cut to one short line: a reply's quote, the message a reaction went to. */
export function formatQuote(author: User, text: string, deleted: boolean): string {
  const chars = [...text.replace(/\s+/gu, ' ').trim()];
  const excerpt = deleted ? '(message deleted)' : chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : chars.join('');
  return `${author.displayName}: ${excerpt}`;
}

export interface MessageLayout {
  /** Put before the message's line: a search hit's room, a tail event's type. */
  prefix?: string;
  /** The id of a message shown above already (a thread's first): replies to it are not quoted. */
  shownAbove?: string;
}

/** What someone wrote, with its files, edit and replies; or a change to the room, told as a sentence. */
function formatText(message: Message): string {
  // The server writes a notice's body as a sentence whose subject is its author.
  if (message.notice) return `— ${message.author.displayName} ${message.body}`;
  const body = message.deleted ? '(message deleted)' : message.body;
  const files = message.attachments.map((a) => ` [file: ${a.name}]`).join('');
  const edited = message.editedAt && !message.deleted ? ' (edited)' : '';
  const replies = message.replyCount > 0 ? ` (${message.replyCount} ${message.replyCount === 1 ? 'reply' : 'replies'})` : '';
  return `${message.author.displayName}: ${body}${files}${edited}${replies}`;
}

/**
 * A message for people: a reply with the message it answers quoted on a line above, and after
 * the text its reactions, pin and id, the id being what `chat react`, `reply`, `pin`, `thread`
 * and `delete` take. A change to the room (a rename, a member removed, …) reads as a sentence:
 * `— Ana Lima renamed the room to “Lunch”`.
 */
export function formatMessage(message: Message, { prefix = '', shownAbove }: MessageLayout = {}): string {
  const marks = [
    message.reactions.map((r) => `${r.emoji} ${r.count}`).join(' '),
    message.pinned ? `📌 pinned by ${message.pinned.by.displayName}` : '',
    `[id ${message.id}]`,
  ].filter(Boolean);
  const { replyTo } = message;
  const quote = replyTo && replyTo.id !== shownAbove ? `  ↳ ${formatQuote(replyTo.author, replyTo.excerpt, replyTo.deleted)}\n` : '';
  return `${quote}${prefix}[${time(message.createdAt)}] ${formatText(message)}  ${marks.join('  ')}`;
}

/** A message a command made or changed: the message as JSON, or its line. */
export function printMessage(message: Message, json: boolean | undefined): void {
  if (json) printJson(message);
  else print(formatMessage(message));
}

const roomMark = { public: '#', private: '🔒', direct: '@' } as const;

/** The states that apply, in one parenthesis: ` (owner, archived)`; nothing when none does. */
function states(...candidates: (string | false)[]): string {
  const shown = candidates.filter(Boolean);
  return shown.length > 0 ? ` (${shown.join(', ')})` : '';
}

/** A notification level I chose other than the room kind's own: `muted`, `notify: all`. */
function chosenLevel(room: Room): string | false {
  if (!room.joined || room.notificationLevel === (room.kind === 'direct' ? 'all' : 'mentions')) return false;
  return room.notificationLevel === 'muted' ? 'muted' : `notify: ${room.notificationLevel}`;
}

/** A room's line: what I am there beyond a member, whether it is archived, what notifies me, what is unread. */
export function formatRoom(room: Room): string {
  const state = states(
    (room.role === 'owner' || room.role === 'admin') && room.role,
    room.archived && 'archived',
    chosenLevel(room),
    room.joined ? room.unreadCount > 0 && `${room.unreadCount} unread` : 'not joined',
  );
  const topic = room.topic ? ` — ${room.topic}` : '';
  return `${roomMark[room.kind]} ${room.name}${state}${topic}  [id ${room.id}]`;
}

export const formatUser = (user: User): string => `${user.displayName} (@${user.username})`;

const moment = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

export function formatSession(session: RouterOutputs['auth']['sessions'][number]): string {
  const current = session.current ? ' (this one)' : '';
  return `${session.device}${current} — signed in ${moment(session.createdAt)}, last used ${moment(session.lastUsedAt)}  [id ${session.id}]`;
}

export function formatAccount(account: RouterOutputs['admin']['users'][number]): string {
  const state = states(account.serverAdmin && 'server admin', account.deactivated && 'deactivated');
  return `${formatUser(account.user)}${state} — signed up ${moment(account.createdAt)}  [id ${account.user.id}]`;
}
