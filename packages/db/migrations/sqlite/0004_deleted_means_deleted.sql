-- Deleted and edited text is gone: the event log no longer keeps a copy of each message as it
-- was (a replay shows each message as it is now), and a deleted message lets go of its files.
ALTER TABLE `events` DROP COLUMN `payload`;
--> statement-breakpoint
-- Files of messages deleted before this version: marked abandoned long ago, so the file
-- collector's sweep at start deletes them (and their bytes, unless another upload has the same).
UPDATE `files` SET `created_at` = 0
WHERE `id` IN (SELECT a.`file_id` FROM `message_attachments` a JOIN `messages` m ON m.`id` = a.`message_id` WHERE m.`deleted_at` IS NOT NULL)
  AND `id` NOT IN (SELECT a.`file_id` FROM `message_attachments` a JOIN `messages` m ON m.`id` = a.`message_id` WHERE m.`deleted_at` IS NULL);
--> statement-breakpoint
DELETE FROM `message_attachments` WHERE `message_id` IN (SELECT `id` FROM `messages` WHERE `deleted_at` IS NOT NULL);
--> statement-breakpoint
-- Edits and deletions take the old words out of the search index's pages, not only out of its
-- results (FTS5 otherwise keeps them until a merge rewrites the segment).
INSERT INTO `messages_fts` (`messages_fts`, `rank`) VALUES ('secure-delete', 1);
