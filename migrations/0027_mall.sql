CREATE TABLE "mall_order" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_number" text NOT NULL,
	"purchaser_entity_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"total_fen" bigint NOT NULL,
	"lines" jsonb NOT NULL,
	"contract_id" uuid NOT NULL,
	"split_flag" jsonb,
	"ordered_at" timestamp (3) with time zone NOT NULL,
	"ordered_by" uuid NOT NULL,
	CONSTRAINT "mall_order_orderNumber_unique" UNIQUE("order_number")
);
--> statement-breakpoint
CREATE TABLE "mall_product" (
	"id" uuid PRIMARY KEY NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"category_code" text NOT NULL,
	"name" text NOT NULL,
	"specification" text NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	"stock" integer NOT NULL,
	"delivery_regions" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mall_supplier" (
	"entity_id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"admitted_at" timestamp (3) with time zone NOT NULL,
	"admitted_by" uuid
);
--> statement-breakpoint
CREATE INDEX "mall_order_purchaser_entity_id_fiscal_year_index" ON "mall_order" USING btree ("purchaser_entity_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "mall_product_category_code_index" ON "mall_product" USING btree ("category_code");--> statement-breakpoint
CREATE INDEX "mall_product_supplier_entity_id_index" ON "mall_product" USING btree ("supplier_entity_id");