import type { Attachment, Message, ReplyQuote, User } from '@chat/api-types';
import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { pgSchema } from '@chat/db/postgres';
import { anyOf, authorColumns, type AuthorRow, type Q } from './postgres-queries.ts';
import { reactionsOf } from './postgres-reactions.ts';
import { EXCERPT_LENGTH, groupAttachments, toMessage, toReplyQuote, toUser } from './rows.ts';

// Messages as the API shows them on PostgreSQL: each kind of what a message shows beyond its
// row is read for a whole page in one query, and not at all when no message of it needs it.

const { files, messageAttachments, messages, users } = pgSchema;

export type MessageRow = typeof messages.$inferSelect;
export type AuthoredRow = { message: MessageRow; author: AuthorRow };

/** Messages with their authors, to filter and order. */
export function authored(q: Q) {
  return q.select({ message: messages, author: authorColumns }).from(messages).innerJoin(users, eq(users.id, messages.authorId));
}

/** The message that `where` picks out by a unique key, as the API shows it. */
export async function messageWhere(q: Q, where: SQL | undefined): Promise<Message | null> {
  const rows = await authored(q).where(where);
  return (await hydrateMessages(q, rows))[0] ?? null;
}

/** Messages with their attachments, reply quotes, reply counts, reactions and who pinned them. */
export async function hydrateMessages(q: Q, rows: AuthoredRow[]): Promise<Message[]> {
  const all = rows.map((r) => r.message);
  // A tombstone shows no files, reactions or pin (toMessage): nothing to read for it.
  const live = all.filter((m) => m.deletedAt === null);
  // One after another: inside a transaction they share one connection, which must not be given a
  // query while it runs another (node-postgres warns of it, and version 9 refuses it).
  const attachments = await attachmentsOf(q, live.map((m) => m.id));
  const quotes = await quotesOf(q, idsOf(all, (m) => m.replyToId));
  // A reply belongs to its root's thread and never starts one.
  const replyCounts = await replyCountsOf(q, all.filter((m) => m.threadRootId === null).map((m) => m.id));
  const reactions = await reactionsOf(q, live.map((m) => m.id));
  const pinners = await usersOf(q, idsOf(live, (m) => (m.pinnedAt === null ? null : m.pinnedBy)));
  return rows.map(({ message: m, author }) =>
    toMessage(m, toUser(author), attachments.get(m.id) ?? [], {
      replyTo: lookup(quotes, m.replyToId),
      replyCount: replyCounts.get(m.id) ?? 0,
      reactions: reactions.get(m.id) ?? [],
      pinnedBy: lookup(pinners, m.pinnedBy),
    }),
  );
}

const lookup = <T>(found: Map<number, T>, id: number | null): T | null => (id === null ? null : (found.get(id) ?? null));

/** The distinct ids that `pick` finds on the messages. */
function idsOf(rows: MessageRow[], pick: (m: MessageRow) => number | null): number[] {
  const ids = new Set<number>();
  for (const row of rows) {
    const id = pick(row);
    if (id !== null) ids.add(id);
  }
  return [...ids];
}

async function attachmentsOf(q: Q, messageIds: number[]): Promise<Map<number, Attachment[]>> {
  if (messageIds.length === 0) return new Map();
  const rows = await q
    .select({ messageId: messageAttachments.messageId, file: files })
    .from(messageAttachments)
    .innerJoin(files, eq(files.id, messageAttachments.fileId))
    .where(anyOf(messageAttachments.messageId, messageIds))
    .orderBy(asc(messageAttachments.messageId), asc(messageAttachments.position));
  return groupAttachments(rows);
}

/** The answered messages as replies quote them, by id; their text is cut here, not sent whole. */
async function quotesOf(q: Q, messageIds: number[]): Promise<Map<number, ReplyQuote>> {
  if (messageIds.length === 0) return new Map();
  const rows = await q
    .select({ id: messages.id, body: sql<string>`left(${messages.body}, ${EXCERPT_LENGTH})`, deletedAt: messages.deletedAt, author: authorColumns })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.authorId))
    .where(anyOf(messages.id, messageIds));
  return new Map(rows.map((row) => [row.id, toReplyQuote(row, toUser(row.author))]));
}

/** The replies that are not deleted in the threads these messages start, by first message. */
async function replyCountsOf(q: Q, rootIds: number[]): Promise<Map<number, number>> {
  if (rootIds.length === 0) return new Map();
  const rows = await q
    .select({ rootId: sql<number>`${messages.threadRootId}`.mapWith(Number), replies: count() })
    .from(messages)
    .where(and(anyOf(messages.threadRootId, rootIds), isNull(messages.deletedAt)))
    .groupBy(messages.threadRootId);
  return new Map(rows.map((row) => [row.rootId, row.replies]));
}

async function usersOf(q: Q, userIds: number[]): Promise<Map<number, User>> {
  if (userIds.length === 0) return new Map();
  const rows = await q.select(authorColumns).from(users).where(anyOf(users.id, userIds));
  return new Map(rows.map((row) => [row.id, toUser(row)]));
}
