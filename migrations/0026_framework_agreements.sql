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
CREATE TABLE "framework_member" (
	"agreement_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"admitted_price_fen" bigint NOT NULL,
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
CREATE INDEX "framework_member_supplier_entity_id_index" ON "framework_member" USING btree ("supplier_entity_id");--> statement-breakpoint
CREATE INDEX "framework_order_agreement_id_index" ON "framework_order" USING btree ("agreement_id");