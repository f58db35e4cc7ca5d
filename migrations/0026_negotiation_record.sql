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
