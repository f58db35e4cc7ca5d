CREATE TABLE "notification" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entity_id" uuid NOT NULL,
	"person_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"read_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "asset_reallocation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"asset_id" uuid NOT NULL,
	"to_entity_id" uuid NOT NULL,
	"plan_id" uuid,
	"quantity" integer NOT NULL,
	"reallocated_at" timestamp (3) with time zone NOT NULL,
	"reallocated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "bid" (
	"id" uuid PRIMARY KEY NOT NULL,
	"lot_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"upload_id" uuid NOT NULL,
	"submission_no" integer NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"key_id" uuid NOT NULL,
	"wrapped_key" text NOT NULL,
	"parts" jsonb NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"receipt" jsonb NOT NULL,
	"receipt_signature" text NOT NULL,
	"client_ip" text,
	"user_agent" text,
	"device_fingerprint" text,
	"withdrawn_at" timestamp (3) with time zone,
	"decrypted_at" timestamp (3) with time zone,
	"price_schedule" jsonb,
	"plaintext_parts" jsonb,
	CONSTRAINT "bid_uploadId_unique" UNIQUE("upload_id")
);
--> statement-breakpoint
CREATE TABLE "bid_key" (
	"id" uuid PRIMARY KEY NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"algorithm" text NOT NULL,
	"public_key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bid_upload" (
	"id" uuid PRIMARY KEY NOT NULL,
	"lot_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"key_id" uuid NOT NULL,
	"wrapped_key" text NOT NULL,
	"parts" jsonb NOT NULL,
	"device_fingerprint" text,
	"status" text NOT NULL,
	"bid_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "bid_upload_supplierEntityId_idempotencyKey_unique" UNIQUE("supplier_entity_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "budget_line" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purchaser_entity_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "budget_line_purchaserEntityId_fiscalYear_code_unique" UNIQUE("purchaser_entity_id","fiscal_year","code"),
	CONSTRAINT "budget_line_amount_positive" CHECK ("budget_line"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "code_counter" (
	"scope" text PRIMARY KEY NOT NULL,
	"value" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_download" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"downloaded_at" timestamp (3) with time zone NOT NULL,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "lot" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"lot_no" integer NOT NULL,
	"title" text NOT NULL,
	"budget_fen" bigint NOT NULL,
	"max_price_fen" bigint,
	"deposit_fen" bigint NOT NULL,
	"evaluation_method" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"sme" jsonb NOT NULL,
	"status" text NOT NULL,
	"failure_rule_id" text,
	"failure_reason" text,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "lot_projectId_lotNo_unique" UNIQUE("project_id","lot_no"),
	CONSTRAINT "lot_deposit_at_most_2_percent" CHECK ("lot"."deposit_fen" * 50 <= "lot"."budget_fen")
);
--> statement-breakpoint
CREATE TABLE "notice" (
	"id" uuid PRIMARY KEY NOT NULL,
	"notice_type" text NOT NULL,
	"project_id" uuid,
	"plan_id" uuid,
	"region_code" text NOT NULL,
	"title" text NOT NULL,
	"fields" jsonb NOT NULL,
	"rendered_html" text NOT NULL,
	"content_hash" text NOT NULL,
	"status" text NOT NULL,
	"published_at" timestamp (3) with time zone NOT NULL,
	"published_by" uuid
);
--> statement-breakpoint
CREATE TABLE "opening" (
	"lot_id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"decryption_ends_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	"failure_rule_id" text,
	"failure_reason" text,
	"record_blob_sha256" text,
	"record_finalized_at" timestamp (3) with time zone,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opening_signoff" (
	"lot_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"agreed" boolean NOT NULL,
	"objection" text,
	"signed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "opening_signoff_lot_id_supplier_entity_id_pk" PRIMARY KEY("lot_id","supplier_entity_id")
);
--> statement-breakpoint
CREATE TABLE "plan" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purchaser_entity_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"budget_line_id" uuid NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"asset_category" text,
	"quantity" integer,
	"import_products" boolean DEFAULT false NOT NULL,
	"import_justification" text,
	"import_status" text NOT NULL,
	"import_review_note" text,
	"warehouse_check" jsonb,
	"status" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plan_amount_positive" CHECK ("plan"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "project" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_number" text NOT NULL,
	"transaction_code" text NOT NULL,
	"ocid" text NOT NULL,
	"origin_platform" text NOT NULL,
	"region_code" text NOT NULL,
	"purchaser_entity_id" uuid NOT NULL,
	"agency_entity_id" uuid,
	"plan_id" uuid NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"method" text NOT NULL,
	"method_justification" text,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"documents_from" timestamp (3) with time zone,
	"documents_until" timestamp (3) with time zone,
	"deadline" timestamp (3) with time zone,
	"decryption_window_minutes" integer DEFAULT 30 NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "project_projectNumber_unique" UNIQUE("project_number"),
	CONSTRAINT "project_transactionCode_unique" UNIQUE("transaction_code"),
	CONSTRAINT "project_ocid_unique" UNIQUE("ocid")
);
--> statement-breakpoint
CREATE TABLE "question" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"asked_by" uuid NOT NULL,
	"text" text NOT NULL,
	"asked_at" timestamp (3) with time zone NOT NULL,
	"answer" text,
	"affects_bids" boolean,
	"answered_at" timestamp (3) with time zone,
	"answered_by" uuid
);
--> statement-breakpoint
CREATE TABLE "tender_document" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"blob_sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"uploaded_at" timestamp (3) with time zone NOT NULL,
	"uploaded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "warehouse_asset" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"holder_entity_id" uuid NOT NULL,
	"asset_category" text NOT NULL,
	"name" text NOT NULL,
	"specification" text,
	"quantity" integer NOT NULL,
	"condition" text NOT NULL,
	"status" text NOT NULL,
	"added_at" timestamp (3) with time zone NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lot" ADD CONSTRAINT "lot_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_entity_id_created_at_index" ON "notification" USING btree ("entity_id","created_at");--> statement-breakpoint
CREATE INDEX "bid_lot_id_status_index" ON "bid" USING btree ("lot_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "bid_one_live_per_supplier" ON "bid" USING btree ("lot_id","supplier_entity_id") WHERE "bid"."status" IN ('submitted', 'decrypted');--> statement-breakpoint
CREATE INDEX "document_download_project_id_supplier_entity_id_index" ON "document_download" USING btree ("project_id","supplier_entity_id");--> statement-breakpoint
CREATE INDEX "notice_project_id_index" ON "notice" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "notice_notice_type_published_at_index" ON "notice" USING btree ("notice_type","published_at");--> statement-breakpoint
CREATE INDEX "plan_budget_line_id_index" ON "plan" USING btree ("budget_line_id");--> statement-breakpoint
CREATE INDEX "project_status_deadline_index" ON "project" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "project_purchaser_entity_id_index" ON "project" USING btree ("purchaser_entity_id");--> statement-breakpoint
CREATE INDEX "project_agency_entity_id_index" ON "project" USING btree ("agency_entity_id");