CREATE TABLE "booking" (
	"id" uuid PRIMARY KEY NOT NULL,
	"venue_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"purpose" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL,
	"booked_by" uuid NOT NULL,
	"booked_at" timestamp (3) with time zone NOT NULL,
	"cancelled_at" timestamp (3) with time zone,
	"cancel_reason" text,
	"witness_person_id" uuid,
	"witness_assigned_at" timestamp (3) with time zone,
	"witness_attendance" jsonb,
	"witness_incidents" text,
	"witness_notes" text,
	"witness_signed_at" timestamp (3) with time zone,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "booking_slot" (
	"venue_id" uuid NOT NULL,
	"slot_start" timestamp (3) with time zone NOT NULL,
	"booking_id" uuid NOT NULL,
	CONSTRAINT "booking_slot_venue_id_slot_start_pk" PRIMARY KEY("venue_id","slot_start")
);
--> statement-breakpoint
CREATE TABLE "venue" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"centre_name" text NOT NULL,
	"capacity" integer NOT NULL,
	"region_code" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auction_bid" (
	"id" uuid PRIMARY KEY NOT NULL,
	"listing_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"bidder_id" uuid NOT NULL,
	"bidder_no" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"extended" boolean NOT NULL,
	CONSTRAINT "auction_bid_seq_unique" UNIQUE("listing_id","seq")
);
--> statement-breakpoint
CREATE TABLE "listing" (
	"id" uuid PRIMARY KEY NOT NULL,
	"asset_type" text NOT NULL,
	"region_code" text NOT NULL,
	"transferor_entity_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"qualification" text NOT NULL,
	"listed_price_fen" bigint NOT NULL,
	"reserve_fen" bigint,
	"increment_fen" bigint NOT NULL,
	"deposit_fen" bigint NOT NULL,
	"published_at" timestamp (3) with time zone NOT NULL,
	"listing_ends_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL,
	"number_salt" integer NOT NULL,
	"auction_starts_at" timestamp (3) with time zone,
	"auction_ends_at" timestamp (3) with time zone,
	"extension_ms" integer NOT NULL,
	"auction_ms" integer NOT NULL,
	"highest_fen" bigint,
	"highest_bidder_no" text,
	"highest_seq" integer,
	"highest_at" timestamp (3) with time zone,
	"bid_seq" integer DEFAULT 0 NOT NULL,
	"extensions" integer DEFAULT 0 NOT NULL,
	"winner_bidder_id" uuid,
	"price_fen" bigint,
	"result_at" timestamp (3) with time zone,
	CONSTRAINT "listing_increment_positive" CHECK ("listing"."increment_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "listing_bidder" (
	"id" uuid PRIMARY KEY NOT NULL,
	"listing_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"entity_name" text NOT NULL,
	"ordinal" integer NOT NULL,
	"bidder_no" text NOT NULL,
	"registered_at" timestamp (3) with time zone NOT NULL,
	"deposit_paid_fen" bigint DEFAULT 0 NOT NULL,
	"deposit_reference" text,
	"deposit_paid_at" timestamp (3) with time zone,
	"qualified_at" timestamp (3) with time zone,
	"qualified_by" uuid,
	"deposit_applied" boolean DEFAULT false NOT NULL,
	"refund_due_on" text,
	"refunded_at" timestamp (3) with time zone,
	CONSTRAINT "listing_bidder_entity_unique" UNIQUE("listing_id","entity_id"),
	CONSTRAINT "listing_bidder_no_unique" UNIQUE("listing_id","bidder_no")
);
--> statement-breakpoint
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
ALTER TABLE "booking" ADD CONSTRAINT "booking_venue_id_venue_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venue"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_slot" ADD CONSTRAINT "booking_slot_venue_id_venue_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venue"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_slot" ADD CONSTRAINT "booking_slot_booking_id_booking_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."booking"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_bid" ADD CONSTRAINT "auction_bid_listing_id_listing_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listing"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_bidder" ADD CONSTRAINT "listing_bidder_listing_id_listing_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listing"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_project_id_index" ON "booking" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "booking_venue_id_starts_at_index" ON "booking" USING btree ("venue_id","starts_at");--> statement-breakpoint
CREATE INDEX "booking_slot_booking_id_index" ON "booking_slot" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "venue_region_code_index" ON "venue" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "listing_status_index" ON "listing" USING btree ("status");--> statement-breakpoint
CREATE INDEX "mall_order_purchaser_entity_id_fiscal_year_index" ON "mall_order" USING btree ("purchaser_entity_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "mall_product_category_code_index" ON "mall_product" USING btree ("category_code");--> statement-breakpoint
CREATE INDEX "mall_product_supplier_entity_id_index" ON "mall_product" USING btree ("supplier_entity_id");