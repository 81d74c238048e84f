-- Profiles and notification levels (see sqlite/0009_profiles_and_notification_levels.sql).
ALTER TABLE "room_members" ADD COLUMN "notification_level" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "status" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "avatar_file_id" bigint;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_avatar_file_id_files_id_fk" FOREIGN KEY ("avatar_file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Serving a picture, and deleting any file (the key's SET NULL), look pictures up by file.
CREATE INDEX "users_avatar_file_idx" ON "users" USING btree ("avatar_file_id") WHERE avatar_file_id IS NOT NULL;
