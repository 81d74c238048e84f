-- New messages are no longer indexed inside the transaction that stores them: the trigram
-- index costs a send about as much as everything else in its commit, and its segment merges
-- stall a send for tens of milliseconds. The server indexes them in batches instead
-- (apps/api/src/storage/sqlite-search-index.ts); `indexed_up_to` is the highest message id in
-- the index, every message up to it is indexed, and ids are never reused (AUTOINCREMENT).
CREATE TABLE `search_index_progress` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`indexed_up_to` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `search_index_progress` (`id`, `indexed_up_to`) VALUES (1, (SELECT coalesce(max(`id`), 0) FROM `messages`));
--> statement-breakpoint
DROP TRIGGER `messages_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `messages_fts_delete`;
--> statement-breakpoint
DROP TRIGGER `messages_fts_update`;
--> statement-breakpoint
-- Only rows already in the index have entries to take out; the rest are indexed as they are
-- when their batch comes.
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages`
WHEN old.id <= (SELECT `indexed_up_to` FROM `search_index_progress`) BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF body ON `messages`
WHEN old.id <= (SELECT `indexed_up_to` FROM `search_index_progress`) BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
END;
