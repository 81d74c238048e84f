ALTER TABLE "sessions" ADD COLUMN "last_used_at" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "user_agent" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "file_token_hash" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_file_token_hash_unique" UNIQUE("file_token_hash");--> statement-breakpoint
-- Sessions from before idle expiry count as used at the upgrade, so none ends by it at once;
-- they keep the end they were given at sign-in.
UPDATE "sessions" SET "last_used_at" = (extract(epoch from clock_timestamp()) * 1000)::bigint;
