import { MAX_REACTIONS_PER_MESSAGE, type Reaction } from '@chat/api-types';
import { and, countDistinct, eq, lte, sql } from 'drizzle-orm';
import { pgSchema } from '@chat/db/postgres';
import { DomainError } from './errors.ts';
import { anyOf, authorColumns, type Q } from './postgres-queries.ts';
import { groupReactions, REACTION_USERS_SHOWN, toUser } from './rows.ts';

const { messageReactions: r, users } = pgSchema;

/**
 * Adds the user's reaction; false when it was there already. Call under the room's row lock,
 * which keeps the count of different emoji as read until commit.
 */
export async function addReaction(tx: Q, messageId: number, userId: number, emoji: string, now: number): Promise<boolean> {
  const [kinds] = await tx
    .select({ count: countDistinct(r.emoji), present: sql<boolean>`coalesce(bool_or(${r.emoji} = ${emoji}), false)` })
    .from(r)
    .where(eq(r.messageId, messageId));
  if (kinds && !kinds.present && kinds.count >= MAX_REACTIONS_PER_MESSAGE) {
    throw new DomainError('BAD_REQUEST', `emoji: at most ${MAX_REACTIONS_PER_MESSAGE} different reactions on one message`);
  }
  const added = await tx.insert(r).values({ messageId, userId, emoji, createdAt: now }).onConflictDoNothing().returning({ messageId: r.messageId });
  return added.length > 0;
}

/** Takes the user's reaction back; false when there was none. */
export async function takeBackReaction(tx: Q, messageId: number, userId: number, emoji: string): Promise<boolean> {
  const gone = await tx
    .delete(r)
    .where(and(eq(r.messageId, messageId), eq(r.emoji, emoji), eq(r.userId, userId)))
    .returning({ messageId: r.messageId });
  return gone.length > 0;
}

/**
 * The reactions of many messages in one query, at most REACTION_USERS_SHOWN users per emoji, in
 * the order groupReactions takes them. Emoji compare by code point, as in SQLite, whatever the
 * database's collation.
 */
export async function reactionsOf(q: Q, messageIds: number[]): Promise<Map<number, Reaction[]>> {
  if (messageIds.length === 0) return new Map();
  const emojiHere = sql`PARTITION BY ${r.messageId}, ${r.emoji}`;
  const ranked = q
    .select({
      messageId: r.messageId,
      emoji: r.emoji,
      userId: r.userId,
      at: r.createdAt,
      count: sql<number>`count(*) OVER (${emojiHere})`.mapWith(Number).as('count'),
      place: sql<number>`min(${r.createdAt}) OVER (${emojiHere})`.as('place'),
      rank: sql<number>`row_number() OVER (${emojiHere} ORDER BY ${r.createdAt}, ${r.userId})`.as('rank'),
    })
    .from(r)
    .where(anyOf(r.messageId, messageIds))
    .as('ranked');
  const rows = await q
    .select({ messageId: ranked.messageId, emoji: ranked.emoji, count: ranked.count, user: authorColumns })
    .from(ranked)
    .innerJoin(users, eq(users.id, ranked.userId))
    .where(lte(ranked.rank, REACTION_USERS_SHOWN))
    .orderBy(ranked.messageId, ranked.place, sql`${ranked.emoji} COLLATE "C"`, ranked.at, ranked.userId);
  return groupReactions(rows.map((row) => ({ ...row, user: toUser(row.user) })));
}
