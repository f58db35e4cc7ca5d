CREATE TABLE "final_offer" (
	"lot_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"statement" text,
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
CREATE INDEX "requirement_change_project_id_index" ON "requirement_change" USING btree ("project_id");