CREATE TABLE "case_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"case_type" text NOT NULL,
	"case_id" uuid NOT NULL,
	"action" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"person_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"text" text,
	"files" jsonb NOT NULL,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_number" text NOT NULL,
	"project_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"subject" text NOT NULL,
	"challenger_entity_id" uuid NOT NULL,
	"respondent_entity_id" uuid NOT NULL,
	"particulars" jsonb NOT NULL,
	"claims" jsonb NOT NULL,
	"evidence" jsonb NOT NULL,
	"seal" text NOT NULL,
	"knew_on" text NOT NULL,
	"filed_at" timestamp (3) with time zone NOT NULL,
	"filed_by" uuid NOT NULL,
	"received_on" text NOT NULL,
	"answer_due_on" text NOT NULL,
	"complaint_last_day" text NOT NULL,
	"status" text NOT NULL,
	"replies" jsonb,
	"verdict" text,
	"affects_result" boolean,
	"remedy" text,
	"answered_at" timestamp (3) with time zone,
	"answered_by" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "challenge_caseNumber_unique" UNIQUE("case_number")
);
--> statement-breakpoint
CREATE TABLE "complaint" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_number" text NOT NULL,
	"challenge_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"complainant_entity_id" uuid NOT NULL,
	"respondent_entity_id" uuid NOT NULL,
	"department_entity_id" uuid NOT NULL,
	"claim_nos" jsonb NOT NULL,
	"request" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"seal" text NOT NULL,
	"filed_at" timestamp (3) with time zone NOT NULL,
	"filed_by" uuid NOT NULL,
	"received_on" text NOT NULL,
	"review_from_on" text NOT NULL,
	"status" text NOT NULL,
	"correction_requested" boolean DEFAULT false NOT NULL,
	"reviewed_at" timestamp (3) with time zone,
	"accepted_on" text,
	"response_due_on" text,
	"responded_at" timestamp (3) with time zone,
	"excluded_working_days" integer DEFAULT 0 NOT NULL,
	"paused_on" text,
	"suspended_on" text,
	"suspended_until" text,
	"closed_at" timestamp (3) with time zone,
	"outcome" text,
	"decided_at" timestamp (3) with time zone,
	"decided_by" uuid,
	"notice_id" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "complaint_caseNumber_unique" UNIQUE("case_number")
);
--> statement-breakpoint
CREATE TABLE "credit_record" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entity_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"rule_id" text NOT NULL,
	"summary" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" uuid NOT NULL,
	"notice_id" uuid,
	"recorded_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_event_case_type_case_id_seq_index" ON "case_event" USING btree ("case_type","case_id","seq");--> statement-breakpoint
CREATE INDEX "challenge_project_id_index" ON "challenge" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "challenge_challenger_entity_id_index" ON "challenge" USING btree ("challenger_entity_id");--> statement-breakpoint
CREATE INDEX "challenge_respondent_entity_id_status_index" ON "challenge" USING btree ("respondent_entity_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_open_once" ON "challenge" USING btree ("project_id","challenger_entity_id","subject") WHERE "challenge"."status" = 'filed';--> statement-breakpoint
CREATE INDEX "complaint_project_id_index" ON "complaint" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "complaint_complainant_entity_id_index" ON "complaint" USING btree ("complainant_entity_id");--> statement-breakpoint
CREATE INDEX "complaint_department_entity_id_status_index" ON "complaint" USING btree ("department_entity_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_once_per_challenge" ON "complaint" USING btree ("challenge_id") WHERE "complaint"."status" not in ('refused', 'withdrawn');--> statement-breakpoint
CREATE INDEX "credit_record_entity_id_recorded_at_index" ON "credit_record" USING btree ("entity_id","recorded_at");