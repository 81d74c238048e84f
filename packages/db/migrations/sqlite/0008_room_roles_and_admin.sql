-- Rooms that someone looks after: roles, archiving, notices of changes; the server admin and
-- deactivated accounts.
-- The log loses its key to messages: deleting a room would otherwise look each of its messages
-- up in the whole log. Rebuilt, as in 0006, keeping it clustered (WITHOUT ROWID); the foreign
-- keys are off while migrations run (sqlite.ts).
CREATE TABLE `events_unkeyed` (
	`room_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`message_id` integer NOT NULL,
	`actor_id` integer,
	`detail` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`room_id`, `seq`),
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `events_unkeyed` (`room_id`, `seq`, `type`, `message_id`, `actor_id`, `detail`, `created_at`)
  SELECT `room_id`, `seq`, `type`, `message_id`, `actor_id`, `detail`, `created_at` FROM `events`;
--> statement-breakpoint
DROP TABLE `events`;
--> statement-breakpoint
ALTER TABLE `events_unkeyed` RENAME TO `events`;
--> statement-breakpoint
ALTER TABLE `messages` ADD `notice` text;--> statement-breakpoint
CREATE INDEX `messages_reply_idx` ON `messages` (`reply_to_id`) WHERE reply_to_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `room_members` ADD `role` text DEFAULT 'member' NOT NULL;--> statement-breakpoint
ALTER TABLE `rooms` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `is_admin` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `deactivated_at` integer;--> statement-breakpoint
CREATE INDEX `thread_reads_root_idx` ON `thread_reads` (`root_id`);--> statement-breakpoint
-- A room's creator is its owner; the default rooms have none and are looked after by the server admin.
UPDATE `room_members` SET `role` = 'owner'
  WHERE `user_id` = (SELECT `created_by` FROM `rooms` WHERE `rooms`.`id` = `room_members`.`room_id` AND `rooms`.`kind` <> 'direct');--> statement-breakpoint
-- The server's first account is its admin.
UPDATE `users` SET `is_admin` = 1 WHERE `id` = (SELECT min(`id`) FROM `users`);
