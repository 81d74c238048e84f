import type { Attachment, Message, ReplyQuote, User } from '@chat/api-types';
import type { MessageRow, UserRow } from '@chat/db';
import type { Statement } from 'better-sqlite3';
import { groupAttachments, groupReactions, type MessageExtras, toMessage, toReplyQuote, toUser } from './rows.ts';
import type { HotStatements, LogRow, PageRow, QuoteRow } from './sqlite-statements.ts';

/** A message row and its author, as pages, logs and searches read them. */
export interface Authored {
  message: MessageRow;
  author: Pick<UserRow, 'id' | 'username' | 'displayName'>;
}

/** What the caller already knows of a message and need not be read again: a new message's. */
export interface Known {
  attachments?: Attachment[];
  extras?: MessageExtras;
}

/** A history, thread or log row as the message and its author. */
export const pageEntry = ({ authorUsername, authorDisplayName, ...message }: PageRow): Authored => ({
  message,
  author: { id: message.authorId, username: authorUsername, displayName: authorDisplayName },
});

export const logActor = (row: LogRow): User | null =>
  row.actorId === null ? null : toUser({ id: row.actorId, username: row.actorUsername, displayName: row.actorDisplayName });

export const toQuote = (row: QuoteRow): ReplyQuote =>
  toReplyQuote(row, toUser({ id: row.authorId, username: row.authorUsername, displayName: row.authorDisplayName }));

const isLive = (row: MessageRow) => row.deletedAt === null;

/** Runs a batch statement over these ids (nulls and repeats dropped); not at all when none is left. */
function forIds<R>(statement: Statement<[idsJson: string], R>, ids: readonly (number | null)[]): R[] {
  const wanted = [...new Set(ids)].filter((id): id is number => id !== null);
  return wanted.length === 0 ? [] : statement.all(JSON.stringify(wanted));
}

/**
 * Messages as clients see them, built from their rows. Each kind of thing a message shows
 * beyond its row (files, the quote of the message it answers, its replies, reactions, who
 * pinned it) is read in one prepared query for a whole page, and not read at all when no
 * message of the page can have any: a page costs the same few queries however long it is.
 */
export class MessageHydrator {
  constructor(private readonly hot: HotStatements) {}

  page(entries: readonly Authored[]): Message[] {
    const rows = entries.map((entry) => entry.message);
    const attachments = this.attachmentsOf(rows);
    const extrasOf = this.extrasOf(rows);
    return entries.map(({ message, author }) => toMessage(message, toUser(author), attachments.get(message.id) ?? [], extrasOf(message)));
  }

  /** One message, its author looked up. */
  one(row: MessageRow, known: Known = {}): Message {
    const author = this.user(row.authorId);
    if (!author) throw new Error(`message ${row.id} has no author row`);
    const attachments = known.attachments ?? this.attachmentsOf([row]).get(row.id) ?? [];
    return toMessage(row, author, attachments, known.extras ?? this.extrasOf([row])(row));
  }

  user(userId: number): User | null {
    const row = this.hot.user.get(userId);
    return row ? toUser(row) : null;
  }

  /** A tombstone shows no files: those of deleted messages are not read. */
  private attachmentsOf(rows: readonly MessageRow[]): Map<number, Attachment[]> {
    const found = forIds(this.hot.attachments, rows.filter(isLive).map((row) => row.id));
    return groupAttachments(found.map(({ messageId, ...file }) => ({ messageId, file: { ...file, hasThumbnail: file.hasThumbnail === 1 } })));
  }

  private extrasOf(rows: readonly MessageRow[]): (row: MessageRow) => MessageExtras {
    const live = rows.filter(isLive);
    const quotes = new Map(forIds(this.hot.quotes, rows.map((row) => row.replyToId)).map((quote) => [quote.id, toQuote(quote)]));
    // A reply joins its root's thread, so only a message that is no reply can have replies.
    const roots = rows.filter((row) => row.threadRootId === null).map((row) => row.id);
    const replyCounts = new Map(forIds(this.hot.replyCounts, roots).map(({ rootId, count }) => [rootId, count]));
    const reactionRows = forIds(this.hot.reactions, live.map((row) => row.id));
    const reactions = groupReactions(reactionRows.map(({ messageId, emoji, count, ...user }) => ({ messageId, emoji, count, user: toUser(user) })));
    const pinners = new Map(forIds(this.hot.users, live.map((row) => row.pinnedBy)).map((user) => [user.id, toUser(user)]));
    return (row) => ({
      replyTo: row.replyToId === null ? null : (quotes.get(row.replyToId) ?? null),
      replyCount: replyCounts.get(row.id) ?? 0,
      reactions: reactions.get(row.id) ?? [],
      pinnedBy: row.pinnedBy === null ? null : (pinners.get(row.pinnedBy) ?? null),
    });
  }
}
