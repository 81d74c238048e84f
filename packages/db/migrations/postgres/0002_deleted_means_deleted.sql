-- Deleted and edited text is gone: the event log no longer keeps a copy of each message as it
-- was (a replay shows each message as it is now), and a deleted message lets go of its files.
ALTER TABLE "events" DROP COLUMN "payload";
--> statement-breakpoint
-- Files of messages deleted before this version: the file collector removes them, and their
-- bytes, once nothing else uses them.
DELETE FROM "message_attachments" WHERE "message_id" IN (SELECT "id" FROM "messages" WHERE "deleted_at" IS NOT NULL);
