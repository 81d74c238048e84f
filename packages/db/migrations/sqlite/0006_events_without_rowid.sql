-- The event log, clustered by its key: a send wrote two pages here (the row, by a hidden rowid,
-- and its (room_id, seq) key index), now one. Rebuilt rather than altered, as SQLite cannot
-- change a table's kind; the foreign keys are off while migrations run (sqlite.ts).
CREATE TABLE `events_clustered` (
	`room_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`message_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`room_id`, `seq`),
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `events_clustered` (`room_id`, `seq`, `type`, `message_id`, `created_at`)
  SELECT `room_id`, `seq`, `type`, `message_id`, `created_at` FROM `events`;
--> statement-breakpoint
DROP TABLE `events`;
--> statement-breakpoint
ALTER TABLE `events_clustered` RENAME TO `events`;
