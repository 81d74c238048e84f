-- Rooms that someone looks after (see sqlite/0008_room_roles_and_admin.sql); the log loses its
-- key to messages, which deleting a room would otherwise check message by message.
ALTER TABLE "events" DROP CONSTRAINT "events_message_id_messages_id_fk";
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "notice" text;--> statement-breakpoint
ALTER TABLE "room_members" ADD COLUMN "role" text DEFAULT 'member' NOT NULL;--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "archived_at" bigint;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "is_admin" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deactivated_at" bigint;--> statement-breakpoint
CREATE INDEX "messages_reply_idx" ON "messages" USING btree ("reply_to_id") WHERE reply_to_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "thread_reads_root_idx" ON "thread_reads" USING btree ("root_id");--> statement-breakpoint
-- A room's creator is its owner; the default rooms have none and are looked after by the server admin.
UPDATE "room_members" m SET "role" = 'owner' FROM "rooms" r
  WHERE r."id" = m."room_id" AND r."kind" <> 'direct' AND r."created_by" = m."user_id";--> statement-breakpoint
-- The server's first account is its admin.
UPDATE "users" SET "is_admin" = true WHERE "id" = (SELECT min("id") FROM "users");
