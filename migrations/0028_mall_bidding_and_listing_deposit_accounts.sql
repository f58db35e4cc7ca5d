CREATE TABLE "mall_application" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entity_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"categories" jsonb NOT NULL,
	"statement" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"applied_at" timestamp (3) with time zone NOT NULL,
	"applied_by" uuid NOT NULL,
	"decided_at" timestamp (3) with time zone,
	"decided_by" uuid
);
--> statement-breakpoint
CREATE TABLE "mall_basket" (
	"id" uuid PRIMARY KEY NOT NULL,
	"basket_number" text NOT NULL,
	"purchaser_entity_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"title" text NOT NULL,
	"lines" jsonb NOT NULL,
	"budget_fen" bigint NOT NULL,
	"delivery_address" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"published_at" timestamp (3) with time zone NOT NULL,
	"published_by" uuid NOT NULL,
	"closes_at" timestamp (3) with time zone NOT NULL,
	"minimum_quotes" integer NOT NULL,
	"too_few_quotes" text NOT NULL,
	"status" text NOT NULL,
	"split_flag" jsonb,
	"outcome" jsonb,
	"closed_at" timestamp (3) with time zone,
	"supplier_entity_id" uuid,
	"award_fen" bigint,
	"order_id" uuid,
	"contract_id" uuid,
	"decided_at" timestamp (3) with time zone,
	"decided_by" uuid,
	"decision_reason" text,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "mall_basket_basketNumber_unique" UNIQUE("basket_number")
);
--> statement-breakpoint
CREATE TABLE "mall_quote" (
	"basket_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"quote_no" bigint GENERATED ALWAYS AS IDENTITY (sequence name "mall_quote_quote_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sealed_content" text NOT NULL,
	"submitted_at" timestamp (3) with time zone NOT NULL,
	"submitted_by" uuid NOT NULL,
	CONSTRAINT "mall_quote_basket_id_supplier_entity_id_pk" PRIMARY KEY("basket_id","supplier_entity_id")
);
--> statement-breakpoint
ALTER TABLE "listing_bidder" ADD COLUMN "deposit_account_number" text;--> statement-breakpoint
ALTER TABLE "mall_order" ADD COLUMN "basket_id" uuid;--> statement-breakpoint
CREATE INDEX "mall_application_entity_id_index" ON "mall_application" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "mall_application_region_code_status_index" ON "mall_application" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "mall_basket_purchaser_entity_id_fiscal_year_index" ON "mall_basket" USING btree ("purchaser_entity_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "mall_basket_region_code_status_index" ON "mall_basket" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "mall_quote_supplier_entity_id_index" ON "mall_quote" USING btree ("supplier_entity_id");--> statement-breakpoint
ALTER TABLE "listing_bidder" ADD CONSTRAINT "listing_bidder_deposit_account_unique" UNIQUE("deposit_account_number");