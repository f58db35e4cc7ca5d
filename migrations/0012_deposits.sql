CREATE TABLE "bank_api_key" (
	"id" text PRIMARY KEY NOT NULL,
	"bank_entity_id" uuid NOT NULL,
	"secret_sealed" text NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "deposit_receipt" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bank_entity_id" uuid NOT NULL,
	"bank_reference" text NOT NULL,
	"notice_hash" text NOT NULL,
	"virtual_account_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"value_time" timestamp (3) with time zone NOT NULL,
	"notified_at" timestamp (3) with time zone NOT NULL,
	"payer_account_name" text NOT NULL,
	"payer_account_number" text NOT NULL,
	"payer_account_key" text NOT NULL,
	"journal_entry_id" uuid NOT NULL,
	CONSTRAINT "deposit_receipt_bank_reference_unique" UNIQUE("bank_entity_id","bank_reference"),
	CONSTRAINT "deposit_receipt_amount_positive" CHECK ("deposit_receipt"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "virtual_account" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_number" text NOT NULL,
	"lot_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"ledger_account_code" text NOT NULL,
	"opened_at" timestamp (3) with time zone NOT NULL,
	"opened_by" uuid,
	CONSTRAINT "virtual_account_number_unique" UNIQUE("account_number"),
	CONSTRAINT "virtual_account_lot_supplier_unique" UNIQUE("lot_id","supplier_entity_id")
);
--> statement-breakpoint
ALTER TABLE "deposit_receipt" ADD CONSTRAINT "deposit_receipt_virtual_account_id_virtual_account_id_fk" FOREIGN KEY ("virtual_account_id") REFERENCES "public"."virtual_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bank_api_key_bank_entity_id_index" ON "bank_api_key" USING btree ("bank_entity_id");--> statement-breakpoint
CREATE INDEX "deposit_receipt_virtual_account_id_index" ON "deposit_receipt" USING btree ("virtual_account_id");--> statement-breakpoint
CREATE INDEX "deposit_receipt_payer_account_key_index" ON "deposit_receipt" USING btree ("payer_account_key");--> statement-breakpoint
-- Evidence, append-only for everyone like the ledger (0011): the application's role also has no
-- UPDATE/DELETE grant (src/platform/database/privileges.ts). A wrong credit is corrected by a journal entry.
CREATE TRIGGER virtual_account_no_update_delete BEFORE UPDATE OR DELETE ON virtual_account FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER virtual_account_no_truncate BEFORE TRUNCATE ON virtual_account FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER deposit_receipt_no_update_delete BEFORE UPDATE OR DELETE ON deposit_receipt FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER deposit_receipt_no_truncate BEFORE TRUNCATE ON deposit_receipt FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
