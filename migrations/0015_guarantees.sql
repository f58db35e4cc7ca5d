-- E-guarantees (电子保函) as bid security and claims on them (src/money/guarantees). Numbered 0015 while
-- 0013 and 0014 are being written elsewhere; the merge renumbers. The application's role gets its
-- rights from src/platform/database/privileges.ts, re-applied after every migration (as for 0012):
-- both tables change state (applied → approved/declined, filed → paid/declined), so neither is
-- append-only; every change is in the audit trail.
CREATE TABLE "guarantee" (
	"id" uuid PRIMARY KEY NOT NULL,
	"lot_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"issuer_entity_id" uuid NOT NULL,
	"beneficiary_entity_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"valid_from" date,
	"valid_until" date NOT NULL,
	"status" text NOT NULL,
	"applied_at" timestamp (3) with time zone NOT NULL,
	"applied_by" uuid NOT NULL,
	"decided_at" timestamp (3) with time zone,
	"decided_by" uuid,
	"decline_reason" text,
	"guarantee_number" text,
	"check_code" text,
	CONSTRAINT "guarantee_number_unique" UNIQUE("guarantee_number"),
	CONSTRAINT "guarantee_amount_positive" CHECK ("guarantee"."amount_fen" > 0),
	CONSTRAINT "guarantee_approved_has_number" CHECK ("guarantee"."status" <> 'approved' OR ("guarantee"."guarantee_number" IS NOT NULL AND "guarantee"."check_code" IS NOT NULL AND "guarantee"."valid_from" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "guarantee_claim" (
	"id" uuid PRIMARY KEY NOT NULL,
	"guarantee_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"claimant_entity_id" uuid NOT NULL,
	"claimed_by" uuid NOT NULL,
	"claimed_at" timestamp (3) with time zone NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"basis" text NOT NULL,
	"status" text NOT NULL,
	"settled_at" timestamp (3) with time zone,
	"settled_by" uuid,
	"settlement_note" text,
	CONSTRAINT "guarantee_claim_one_per_guarantee" UNIQUE("guarantee_id"),
	CONSTRAINT "guarantee_claim_amount_positive" CHECK ("guarantee_claim"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "guarantee_claim" ADD CONSTRAINT "guarantee_claim_guarantee_id_guarantee_id_fk" FOREIGN KEY ("guarantee_id") REFERENCES "public"."guarantee"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "guarantee_one_live_per_supplier_lot" ON "guarantee" USING btree ("lot_id","supplier_entity_id") WHERE "guarantee"."status" <> 'declined';--> statement-breakpoint
CREATE INDEX "guarantee_issuer_entity_id_status_index" ON "guarantee" USING btree ("issuer_entity_id","status");--> statement-breakpoint
CREATE INDEX "guarantee_lot_id_index" ON "guarantee" USING btree ("lot_id");