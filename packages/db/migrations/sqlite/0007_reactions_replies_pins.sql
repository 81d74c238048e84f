-- Reactions, replies and threads, pins. A reaction or a pin is an event in its room's sequence
-- like an edit; the event keeps who made it and the emoji, which the message row does not.
-- Drizzle writes an added column's reference without its ON DELETE: written here by hand.
CREATE TABLE `message_reactions` (
	`message_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`emoji` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`message_id`, `emoji`, `user_id`),
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `thread_reads` (
	`user_id` integer NOT NULL,
	`root_id` integer NOT NULL,
	`last_read_seq` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`user_id`, `root_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`root_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `events` ADD `actor_id` integer REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `events` ADD `detail` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `reply_to_id` integer REFERENCES messages(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `messages` ADD `thread_root_id` integer REFERENCES messages(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `messages` ADD `pinned_at` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `pinned_by` integer REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `messages_thread_idx` ON `messages` (`thread_root_id`,`seq`) WHERE thread_root_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `messages_pinned_idx` ON `messages` (`room_id`,`pinned_at`) WHERE pinned_at IS NOT NULL;