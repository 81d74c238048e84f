ALTER TABLE `sessions` ADD `last_used_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `user_agent` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `file_token_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_file_token_hash_unique` ON `sessions` (`file_token_hash`);--> statement-breakpoint
-- Sessions from before idle expiry count as used at the upgrade, so none ends by it at once;
-- they keep the end they were given at sign-in.
UPDATE `sessions` SET `last_used_at` = CAST(unixepoch('subsec') * 1000 AS INTEGER);
