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
ALTER TABLE "auction_bid" ADD CONSTRAINT "auction_bid_listing_id_listing_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listing"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_bidder" ADD CONSTRAINT "listing_bidder_listing_id_listing_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listing"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "listing_status_index" ON "listing" USING btree ("status");