CREATE TABLE "notification_read" (
	"notification_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"read_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "notification_read_notification_id_person_id_pk" PRIMARY KEY("notification_id","person_id")
);
--> statement-breakpoint
DROP INDEX "notification_entity_id_created_at_index";--> statement-breakpoint
ALTER TABLE "notification" ALTER COLUMN "title" SET DATA TYPE jsonb USING jsonb_build_object('zh-CN', "title", 'en-US', "title");--> statement-breakpoint
ALTER TABLE "notification" ALTER COLUMN "body" SET DATA TYPE jsonb USING jsonb_build_object('zh-CN', "body", 'en-US', "body");--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "role" text;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "subject_type" text;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "subject_id" text;--> statement-breakpoint
-- Messages written before addressing existed went to a whole organisation: give them to the role
-- that matches the organisation's type (entity types and roles share names).
UPDATE "notification" n SET "role" = e."entity_type" FROM "entity" e WHERE e."id" = n."entity_id" AND n."person_id" IS NULL;--> statement-breakpoint
ALTER TABLE "notification_read" ADD CONSTRAINT "notification_read_notification_id_notification_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notification"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_person_id_created_at_index" ON "notification" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "notification_entity_id_role_created_at_index" ON "notification" USING btree ("entity_id","role","created_at");--> statement-breakpoint
ALTER TABLE "notification" DROP COLUMN "read_at";
