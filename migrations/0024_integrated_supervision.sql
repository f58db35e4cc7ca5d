CREATE TABLE "credit_measure" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entity_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"scope" text NOT NULL,
	"rule_id" text NOT NULL,
	"reason" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"region_code" text NOT NULL,
	"imposed_at" timestamp (3) with time zone NOT NULL,
	"imposed_by" uuid NOT NULL,
	"lifted_at" timestamp (3) with time zone,
	"lifted_by" uuid,
	"lift_reason" text
);
--> statement-breakpoint
CREATE TABLE "alert_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"alert_id" uuid NOT NULL,
	"action" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"person_id" uuid NOT NULL,
	"text" text,
	"files" jsonb NOT NULL,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "red_flag_alert" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"code" text NOT NULL,
	"rule_id" text NOT NULL,
	"lot_id" uuid,
	"project_id" uuid,
	"region_code" text NOT NULL,
	"entity_ids" jsonb NOT NULL,
	"evidence" jsonb NOT NULL,
	"detected_at" timestamp (3) with time zone NOT NULL,
	"gone_at" timestamp (3) with time zone,
	"status" text NOT NULL,
	"assignee_id" uuid,
	"decided_at" timestamp (3) with time zone,
	"decided_by" uuid,
	"decision_reason" text,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "red_flag_alert_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "saved_report" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"owner_person_id" uuid NOT NULL,
	"owner_entity_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"shared" boolean NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_record" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"warnings" jsonb NOT NULL,
	"warning_count" integer NOT NULL,
	"published_at" timestamp (3) with time zone NOT NULL,
	"published_by" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "entity" ADD COLUMN "legal_representative" text;--> statement-breakpoint
ALTER TABLE "entity" ADD COLUMN "controller_credit_code" text;--> statement-breakpoint
CREATE INDEX "credit_measure_entity_id_ends_on_index" ON "credit_measure" USING btree ("entity_id","ends_on");--> statement-breakpoint
CREATE INDEX "alert_event_alert_id_seq_index" ON "alert_event" USING btree ("alert_id","seq");--> statement-breakpoint
CREATE INDEX "red_flag_alert_region_code_status_index" ON "red_flag_alert" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "red_flag_alert_lot_id_index" ON "red_flag_alert" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "red_flag_alert_project_id_index" ON "red_flag_alert" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "saved_report_owner_entity_id_index" ON "saved_report" USING btree ("owner_entity_id");--> statement-breakpoint
CREATE INDEX "saved_report_owner_person_id_index" ON "saved_report" USING btree ("owner_person_id");--> statement-breakpoint
CREATE INDEX "screening_record_region_code_warning_count_index" ON "screening_record" USING btree ("region_code","warning_count");--> statement-breakpoint
CREATE INDEX "screening_record_project_id_index" ON "screening_record" USING btree ("project_id");