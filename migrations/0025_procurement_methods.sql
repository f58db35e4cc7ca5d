CREATE TABLE "framework_agreement" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"term_start" text NOT NULL,
	"term_end" text NOT NULL,
	"admitted_at" timestamp (3) with time zone NOT NULL,
	"admitted_by" uuid NOT NULL,
	CONSTRAINT "framework_agreement_projectId_unique" UNIQUE("project_id")
);
--> statement-breakpoint
CREATE TABLE "framework_application" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agreement_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"statement" text NOT NULL,
	"price_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"reasons" text,
	"submitted_at" timestamp (3) with time zone NOT NULL,
	"submitted_by" uuid NOT NULL,
	"decided_at" timestamp (3) with time zone,
	"decided_by" uuid
);
--> statement-breakpoint
CREATE TABLE "framework_member" (
	"agreement_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"bid_id" uuid,
	"rank" integer NOT NULL,
	"admitted_price_fen" bigint NOT NULL,
	"joined_at" timestamp (3) with time zone,
	"left_at" timestamp (3) with time zone,
	CONSTRAINT "framework_member_agreement_id_supplier_entity_id_pk" PRIMARY KEY("agreement_id","supplier_entity_id")
);
--> statement-breakpoint
CREATE TABLE "framework_offer" (
	"order_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"sealed_price" text NOT NULL,
	"submitted_at" timestamp (3) with time zone NOT NULL,
	"submitted_by" uuid NOT NULL,
	CONSTRAINT "framework_offer_order_id_supplier_entity_id_pk" PRIMARY KEY("order_id","supplier_entity_id")
);
--> statement-breakpoint
CREATE TABLE "framework_order" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agreement_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"order_number" text NOT NULL,
	"purchaser_entity_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"deadline" timestamp (3) with time zone,
	"ceiling_fen" bigint,
	"supplier_entity_id" uuid,
	"price_fen" bigint,
	"contract_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"decided_at" timestamp (3) with time zone,
	CONSTRAINT "framework_order_orderNumber_unique" UNIQUE("order_number")
);
--> statement-breakpoint
CREATE TABLE "prequalification" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"notice_id" uuid NOT NULL,
	"documents_from" timestamp (3) with time zone NOT NULL,
	"documents_until" timestamp (3) with time zone NOT NULL,
	"application_deadline" timestamp (3) with time zone NOT NULL,
	"review_date" timestamp (3) with time zone NOT NULL,
	"invited_suppliers" integer,
	"application_contents" text NOT NULL,
	"review_standard" text NOT NULL,
	"published_by" uuid NOT NULL,
	"results_issued_at" timestamp (3) with time zone,
	"results_issued_by" uuid,
	CONSTRAINT "prequalification_projectId_unique" UNIQUE("project_id")
);
--> statement-breakpoint
CREATE TABLE "prequalification_application" (
	"id" uuid PRIMARY KEY NOT NULL,
	"prequalification_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"submitted_by" uuid NOT NULL,
	"statement" text NOT NULL,
	"submitted_at" timestamp (3) with time zone NOT NULL,
	"outcome" text,
	"reason" text,
	"reviewed_at" timestamp (3) with time zone,
	"reviewed_by" uuid,
	CONSTRAINT "prequalification_application_prequalificationId_supplierEntityId_unique" UNIQUE("prequalification_id","supplier_entity_id")
);
--> statement-breakpoint
CREATE TABLE "publicity" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"project_id" uuid NOT NULL,
	"lot_id" uuid,
	"region_code" text NOT NULL,
	"notice_id" uuid NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_on" text NOT NULL,
	"published_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_objection" (
	"id" uuid PRIMARY KEY NOT NULL,
	"publicity_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_for_entity_id" uuid NOT NULL,
	"text" text NOT NULL,
	"filed_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL,
	"review" text,
	"decided_at" timestamp (3) with time zone,
	"decided_by" uuid
);
--> statement-breakpoint
CREATE TABLE "final_offer" (
	"lot_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"sealed_offer" text NOT NULL,
	"person_id" uuid NOT NULL,
	"submitted_at" timestamp (3) with time zone NOT NULL,
	"digest" text NOT NULL,
	CONSTRAINT "final_offer_lot_id_supplier_entity_id_pk" PRIMARY KEY("lot_id","supplier_entity_id")
);
--> statement-breakpoint
CREATE TABLE "final_offer_call" (
	"lot_id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"deadline" timestamp (3) with time zone NOT NULL,
	"called_by" uuid NOT NULL,
	"called_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requirement_change" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"change_no" integer NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp (3) with time zone NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp (3) with time zone,
	CONSTRAINT "requirement_change_lotId_changeNo_unique" UNIQUE("lot_id","change_no")
);
--> statement-breakpoint
CREATE TABLE "requirement_change_receipt" (
	"change_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "requirement_change_receipt_change_id_supplier_entity_id_pk" PRIMARY KEY("change_id","supplier_entity_id")
);
--> statement-breakpoint
CREATE TABLE "negotiation_record" (
	"lot_id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"status" text NOT NULL,
	"publicity_account" jsonb,
	"negotiated_on" text NOT NULL,
	"place" text NOT NULL,
	"supplier_cost" text NOT NULL,
	"comparable_prices" text NOT NULL,
	"patent_details" text NOT NULL,
	"contract_terms" text NOT NULL,
	"agreed_price_fen" bigint NOT NULL,
	"content_hash" text NOT NULL,
	"drafted_by" uuid NOT NULL,
	"drafted_at" timestamp (3) with time zone NOT NULL,
	"signed_at" timestamp (3) with time zone,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_signature" (
	"lot_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reasons" text,
	"content_hash" text NOT NULL,
	"signed_at" timestamp (3) with time zone NOT NULL,
	"signature" text NOT NULL,
	CONSTRAINT "negotiation_signature_lot_id_person_id_pk" PRIMARY KEY("lot_id","person_id")
);
--> statement-breakpoint
DROP INDEX "challenge_open_once";--> statement-breakpoint
ALTER TABLE "challenge" ADD COLUMN "lot_id" uuid;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "single_source_supplier_entity_id" uuid;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "single_source_ground" text;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "two_supplier_exception" text;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "prequalification" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "framework_application_agreement_id_index" ON "framework_application" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "framework_application_supplier_entity_id_index" ON "framework_application" USING btree ("supplier_entity_id");--> statement-breakpoint
CREATE INDEX "framework_member_supplier_entity_id_index" ON "framework_member" USING btree ("supplier_entity_id");--> statement-breakpoint
CREATE INDEX "framework_order_agreement_id_index" ON "framework_order" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "prequalification_application_project_id_index" ON "prequalification_application" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "publicity_project_id_kind_index" ON "publicity" USING btree ("project_id","kind");--> statement-breakpoint
CREATE INDEX "publicity_notice_id_index" ON "publicity" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "publicity_lot_id_index" ON "publicity" USING btree ("lot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "publicity_single_source_once" ON "publicity" USING btree ("project_id") WHERE "publicity"."kind" = 'singleSource';--> statement-breakpoint
CREATE INDEX "publicity_objection_publicity_id_index" ON "publicity_objection" USING btree ("publicity_id");--> statement-breakpoint
CREATE INDEX "publicity_objection_project_id_index" ON "publicity_objection" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "requirement_change_project_id_index" ON "requirement_change" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_open_once" ON "challenge" USING btree ("project_id","challenger_entity_id","subject",coalesce("lot_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "challenge"."status" = 'filed';