CREATE TABLE "notice_download" (
	"notice_id" uuid NOT NULL,
	"attachment_id" text NOT NULL,
	"day" date NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "notice_download_notice_id_attachment_id_day_pk" PRIMARY KEY("notice_id","attachment_id","day")
);
--> statement-breakpoint
ALTER TABLE "acceptance" ADD COLUMN "notice_id" uuid;