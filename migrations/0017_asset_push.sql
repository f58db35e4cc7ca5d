CREATE TABLE "asset_push" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contract_id" uuid NOT NULL,
	"contract_number" text NOT NULL,
	"contract_title" text NOT NULL,
	"purchaser_entity_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"records" jsonb NOT NULL,
	"total_fen" bigint NOT NULL,
	"adapter" text NOT NULL,
	"adapter_reference" text,
	"status" text NOT NULL,
	"pushed_at" timestamp (3) with time zone NOT NULL,
	"card_numbers" jsonb,
	"acknowledged_at" timestamp (3) with time zone,
	"acknowledged_by" uuid,
	"note" text,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "asset_push_contractId_unique" UNIQUE("contract_id")
);
--> statement-breakpoint
ALTER TABLE "budget_line" ADD COLUMN "source_line_id" text;--> statement-breakpoint
CREATE INDEX "asset_push_purchaser_entity_id_index" ON "asset_push" USING btree ("purchaser_entity_id");--> statement-breakpoint
CREATE INDEX "asset_push_region_code_index" ON "asset_push" USING btree ("region_code");--> statement-breakpoint
ALTER TABLE "budget_line" ADD CONSTRAINT "budget_line_source_unique" UNIQUE("purchaser_entity_id","source_line_id");