CREATE TABLE "payment_application" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_number" text NOT NULL,
	"contract_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"milestone_no" integer NOT NULL,
	"region_code" text NOT NULL,
	"purchaser_entity_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"status" text NOT NULL,
	"invoice_number" text NOT NULL,
	"invoice_date" text NOT NULL,
	"seller_credit_code" text NOT NULL,
	"buyer_credit_code" text NOT NULL,
	"amount_before_tax_fen" bigint NOT NULL,
	"tax_fen" bigint NOT NULL,
	"total_fen" bigint NOT NULL,
	"invoice_file_sha256" text NOT NULL,
	"invoice_file_name" text NOT NULL,
	"invoice_file_kind" text NOT NULL,
	"payee_account_name" text NOT NULL,
	"payee_bank_name" text NOT NULL,
	"payee_account_number" text NOT NULL,
	"sme" boolean NOT NULL,
	"period_starts_on" text NOT NULL,
	"due_on" text NOT NULL,
	"filed_at" timestamp (3) with time zone NOT NULL,
	"filed_by" uuid NOT NULL,
	"waiting_since" timestamp (3) with time zone NOT NULL,
	"voucher_number" text,
	"paid_on" text,
	"journal_entry_id" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "payment_application_applicationNumber_unique" UNIQUE("application_number"),
	CONSTRAINT "payment_application_invoice_adds_up" CHECK ("payment_application"."amount_before_tax_fen" + "payment_application"."tax_fen" = "payment_application"."total_fen"),
	CONSTRAINT "payment_application_total_positive" CHECK ("payment_application"."total_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_step" (
	"application_id" uuid NOT NULL,
	"step_no" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"person_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"role" text NOT NULL,
	"reason" text,
	"detail" jsonb,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "payment_step_application_id_step_no_pk" PRIMARY KEY("application_id","step_no")
);
--> statement-breakpoint
ALTER TABLE "contract" ADD COLUMN "payment_term_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
CREATE INDEX "payment_application_contract_id_milestone_no_index" ON "payment_application" USING btree ("contract_id","milestone_no");--> statement-breakpoint
CREATE INDEX "payment_application_status_waiting_since_index" ON "payment_application" USING btree ("status","waiting_since");--> statement-breakpoint
CREATE INDEX "payment_application_supplier_entity_id_index" ON "payment_application" USING btree ("supplier_entity_id");--> statement-breakpoint
CREATE INDEX "payment_application_purchaser_entity_id_index" ON "payment_application" USING btree ("purchaser_entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_application_invoice_once" ON "payment_application" USING btree ("invoice_number") WHERE "payment_application"."status" <> 'withdrawn';--> statement-breakpoint
ALTER TABLE "payment_step" ADD CONSTRAINT "payment_step_application_fk" FOREIGN KEY ("application_id") REFERENCES "public"."payment_application"("id");
--> statement-breakpoint
-- The history of an application is evidence, append-only like the ledger (0011): the application's
-- role also has no UPDATE/DELETE grant on it (src/platform/database/privileges.ts).
CREATE TRIGGER payment_step_no_update_delete BEFORE UPDATE OR DELETE ON payment_step FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER payment_step_no_truncate BEFORE TRUNCATE ON payment_step FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
