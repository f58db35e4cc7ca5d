CREATE TABLE "external_procurement" (
	"ocid" text PRIMARY KEY NOT NULL,
	"origin" text NOT NULL,
	"source_entity_id" uuid,
	"import_id" uuid,
	"platform_name" text NOT NULL,
	"region_code" text NOT NULL,
	"title" text NOT NULL,
	"buyer_name" text,
	"buyer_credit_code" text,
	"procurement_method" text,
	"procurement_method_details" text,
	"main_procurement_category" text,
	"tender_status" text,
	"value_fen" bigint,
	"awarded_fen" bigint,
	"bid_count" integer DEFAULT 0 NOT NULL,
	"release_count" integer NOT NULL,
	"first_date" timestamp (3) with time zone NOT NULL,
	"last_date" timestamp (3) with time zone NOT NULL,
	"compiled" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ocds_import" (
	"id" uuid PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"publisher_name" text NOT NULL,
	"region_code" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"releases" integer DEFAULT 0 NOT NULL,
	"procurements" integer DEFAULT 0 NOT NULL,
	"skipped" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oidc_model" (
	"kind" text NOT NULL,
	"id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"grant_id" text,
	"uid" text,
	"user_code" text,
	"platform_session" text,
	"expires_at" timestamp (3) with time zone,
	"consumed_at" timestamp (3) with time zone,
	CONSTRAINT "oidc_model_kind_id_pk" PRIMARY KEY("kind","id")
);
--> statement-breakpoint
CREATE TABLE "sso_client" (
	"id" text PRIMARY KEY NOT NULL,
	"entity_id" uuid NOT NULL,
	"catalogue_code" text,
	"name" text NOT NULL,
	"secret_sealed" text NOT NULL,
	"redirect_uris" text[] NOT NULL,
	"post_logout_redirect_uris" text[] NOT NULL,
	"backchannel_logout_uri" text,
	"initiate_login_uri" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "ocds_release" ALTER COLUMN "project_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "ocds_release" ADD COLUMN "origin" text DEFAULT 'platform' NOT NULL;--> statement-breakpoint
ALTER TABLE "ocds_release" ADD COLUMN "source_entity_id" uuid;--> statement-breakpoint
ALTER TABLE "ocds_release" ADD COLUMN "import_id" uuid;--> statement-breakpoint
ALTER TABLE "ocds_release" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "ocds_release" ADD COLUMN "received_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE INDEX "external_procurement_last_date_index" ON "external_procurement" USING btree ("last_date");--> statement-breakpoint
CREATE INDEX "external_procurement_region_code_index" ON "external_procurement" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "external_procurement_source_entity_id_index" ON "external_procurement" USING btree ("source_entity_id");--> statement-breakpoint
CREATE INDEX "oidc_model_grant_id_index" ON "oidc_model" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "oidc_model_uid_index" ON "oidc_model" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "oidc_model_user_code_index" ON "oidc_model" USING btree ("user_code");--> statement-breakpoint
CREATE INDEX "oidc_model_platform_session_index" ON "oidc_model" USING btree ("platform_session");--> statement-breakpoint
CREATE INDEX "oidc_model_expires_at_index" ON "oidc_model" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sso_client_entity_id_index" ON "sso_client" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "ocds_release_source_entity_id_date_index" ON "ocds_release" USING btree ("source_entity_id","date");