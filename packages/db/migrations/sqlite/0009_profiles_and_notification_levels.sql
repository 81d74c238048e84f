-- Profiles (a status line, a picture from an upload) and each member's notification level.
-- drizzle-kit writes the column's reference without its ON DELETE; SQLite keeps it when given here.
ALTER TABLE `room_members` ADD `notification_level` text;--> statement-breakpoint
ALTER TABLE `users` ADD `status` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `avatar_file_id` integer REFERENCES files(id) ON DELETE set null;--> statement-breakpoint
-- Serving a picture, and deleting any file (the key's SET NULL), look pictures up by file.
CREATE INDEX `users_avatar_file_idx` ON `users` (`avatar_file_id`) WHERE avatar_file_id IS NOT NULL;
