CREATE TABLE "catalogue_item" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version_id" uuid NOT NULL,
	"code" text NOT NULL,
	"sort" integer NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "catalogue_item_versionId_code_unique" UNIQUE("version_id","code")
);
--> statement-breakpoint
CREATE TABLE "catalogue_version" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"version_no" integer NOT NULL,
	"title" text NOT NULL,
	"effective_from" date NOT NULL,
	"status" text NOT NULL,
	"notes" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"created_by" uuid,
	"published_at" timestamp (3) with time zone,
	"published_by" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "catalogue_version_kind_versionNo_unique" UNIQUE("kind","version_no")
);
--> statement-breakpoint
CREATE TABLE "region" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" text
);
--> statement-breakpoint
CREATE TABLE "entity" (
	"id" uuid PRIMARY KEY NOT NULL,
	"credit_code" text NOT NULL,
	"name" text NOT NULL,
	"entity_type" text NOT NULL,
	"region_code" text NOT NULL,
	"sme_size" text,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"contact_email" text,
	"address" text NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"registered_at" timestamp (3) with time zone NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "entity_creditCode_unique" UNIQUE("credit_code"),
	CONSTRAINT "entity_sme_size_only_for_suppliers" CHECK ("entity"."sme_size" IS NULL OR "entity"."entity_type" = 'supplier'),
	CONSTRAINT "entity_sme_size_values" CHECK ("entity"."sme_size" IS NULL OR "entity"."sme_size" IN ('medium', 'small', 'micro'))
);
--> statement-breakpoint
CREATE TABLE "person" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entity_id" uuid NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"mobile" text,
	"email" text,
	"password_hash" text NOT NULL,
	"password_changed_at" timestamp (3) with time zone NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"totp_secret_sealed" text,
	"totp_enabled" boolean DEFAULT false NOT NULL,
	"totp_last_step" bigint,
	"is_entity_admin" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_role" (
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "person_role_person_id_role_pk" PRIMARY KEY("person_id","role")
);
--> statement-breakpoint
CREATE TABLE "session" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"last_seen_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"idle_timeout_seconds" integer NOT NULL,
	"ip" text,
	"user_agent" text,
	"ended_at" timestamp (3) with time zone,
	"end_reason" text
);
--> statement-breakpoint
CREATE TABLE "audit_entry" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"actor_person_id" uuid,
	"actor_label" text,
	"actor_role" text,
	"actor_entity_id" uuid,
	"ip" text,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text,
	"region_code" text,
	"result" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"detail" jsonb,
	"prev_hash" char(64) NOT NULL,
	"hash" char(64) NOT NULL,
	CONSTRAINT "audit_entry_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "calendar_schedule" (
	"year" integer PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"holidays" jsonb NOT NULL,
	"makeup_workdays" jsonb NOT NULL,
	"entered_at" timestamp (3) with time zone NOT NULL,
	"entered_by" uuid,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text,
	"run_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"locked_until" timestamp (3) with time zone,
	"progress" jsonb,
	"result" jsonb,
	"last_error" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"created_by" uuid,
	"finished_at" timestamp (3) with time zone,
	CONSTRAINT "job_dedupeKey_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "setting" (
	"key" text NOT NULL,
	"region_code" text DEFAULT '000000' NOT NULL,
	"value" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "setting_key_region_code_pk" PRIMARY KEY("key","region_code")
);
--> statement-breakpoint
ALTER TABLE "catalogue_item" ADD CONSTRAINT "catalogue_item_version_id_catalogue_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."catalogue_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity" ADD CONSTRAINT "entity_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_entity_id_entity_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entity"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_role" ADD CONSTRAINT "person_role_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalogue_version_kind_status_effective_from_index" ON "catalogue_version" USING btree ("kind","status","effective_from");--> statement-breakpoint
CREATE INDEX "entity_region_code_entity_type_index" ON "entity" USING btree ("region_code","entity_type");--> statement-breakpoint
CREATE UNIQUE INDEX "person_username_unique" ON "person" USING btree (lower("username"));--> statement-breakpoint
CREATE INDEX "person_entity_id_index" ON "person" USING btree ("entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "person_role_one_admin_duty" ON "person_role" USING btree ("person_id") WHERE "person_role"."role" IN ('systemAdmin', 'securityAdmin', 'auditAdmin');--> statement-breakpoint
CREATE INDEX "session_person_id_index" ON "session" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "audit_entry_subject_type_subject_id_seq_index" ON "audit_entry" USING btree ("subject_type","subject_id","seq");--> statement-breakpoint
CREATE INDEX "audit_entry_actor_person_id_seq_index" ON "audit_entry" USING btree ("actor_person_id","seq");--> statement-breakpoint
CREATE INDEX "audit_entry_occurred_at_index" ON "audit_entry" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "audit_entry_action_seq_index" ON "audit_entry" USING btree ("action","seq");--> statement-breakpoint
CREATE INDEX "job_status_run_at_index" ON "job" USING btree ("status","run_at");