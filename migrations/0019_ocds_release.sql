CREATE TABLE "notice_outbox" (
	"notice_id" uuid NOT NULL,
	"medium" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"queued_at" timestamp (3) with time zone NOT NULL,
	"last_attempt_at" timestamp (3) with time zone,
	"acknowledged_at" timestamp (3) with time zone,
	"reference" text,
	"last_error" text,
	CONSTRAINT "notice_outbox_notice_id_medium_pk" PRIMARY KEY("notice_id","medium")
);
--> statement-breakpoint
CREATE TABLE "ocds_release" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"release_id" text NOT NULL,
	"ocid" text NOT NULL,
	"project_id" uuid NOT NULL,
	"date" timestamp (3) with time zone NOT NULL,
	"tag" text NOT NULL,
	"release" jsonb NOT NULL,
	CONSTRAINT "ocds_release_ocid_releaseId_unique" UNIQUE("ocid","release_id")
);
--> statement-breakpoint
CREATE INDEX "notice_outbox_acknowledged_at_queued_at_index" ON "notice_outbox" USING btree ("acknowledged_at","queued_at");--> statement-breakpoint
CREATE INDEX "ocds_release_ocid_seq_index" ON "ocds_release" USING btree ("ocid","seq");--> statement-breakpoint
CREATE INDEX "ocds_release_date_index" ON "ocds_release" USING btree ("date");