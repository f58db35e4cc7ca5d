CREATE TABLE "deposit_forfeit" (
	"virtual_account_id" uuid PRIMARY KEY NOT NULL,
	"bid_id" uuid NOT NULL,
	"ground" text NOT NULL,
	"rule_id" text NOT NULL,
	"reason" text NOT NULL,
	"legal_basis" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"journal_entry_id" uuid NOT NULL,
	"decided_at" timestamp (3) with time zone NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_by_entity_id" uuid NOT NULL,
	CONSTRAINT "deposit_forfeit_amount_positive" CHECK ("deposit_forfeit"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "deposit_refund" (
	"virtual_account_id" uuid PRIMARY KEY NOT NULL,
	"lot_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"status" text NOT NULL,
	"trigger" text,
	"rule_id" text,
	"triggered_at" timestamp (3) with time zone,
	"due_date" date,
	"job_id" uuid,
	"refunded_at" timestamp (3) with time zone,
	"amount_fen" bigint,
	"payees" jsonb,
	"journal_entry_id" uuid,
	"overdue_days" integer,
	"overdue_fee_fen" bigint,
	"fee_journal_entry_id" uuid,
	"note" text,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "deposit_refund_amount_positive" CHECK ("deposit_refund"."amount_fen" IS NULL OR "deposit_refund"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "deposit_forfeit" ADD CONSTRAINT "deposit_forfeit_virtual_account_id_virtual_account_id_fk" FOREIGN KEY ("virtual_account_id") REFERENCES "public"."virtual_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_refund" ADD CONSTRAINT "deposit_refund_virtual_account_id_virtual_account_id_fk" FOREIGN KEY ("virtual_account_id") REFERENCES "public"."virtual_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deposit_refund_status_due_date_index" ON "deposit_refund" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "deposit_refund_lot_id_index" ON "deposit_refund" USING btree ("lot_id");--> statement-breakpoint
-- A forfeit decision is evidence, append-only for everyone like the ledger (0011) and the receipts
-- (0012): the application's role has no UPDATE/DELETE grant on it either (privileges.ts).
-- deposit_refund is the deposit's state and moves by conditional updates (refunds.ts).
CREATE TRIGGER deposit_forfeit_no_update_delete BEFORE UPDATE OR DELETE ON deposit_forfeit FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER deposit_forfeit_no_truncate BEFORE TRUNCATE ON deposit_forfeit FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
