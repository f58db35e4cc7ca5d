CREATE TABLE "contract_financing" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contract_id" uuid NOT NULL,
	"project_id" uuid,
	"region_code" text NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"bank_entity_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"consent_at" timestamp (3) with time zone NOT NULL,
	"applied_at" timestamp (3) with time zone NOT NULL,
	"applied_by" uuid NOT NULL,
	"decided_at" timestamp (3) with time zone,
	"decided_by" uuid,
	"decline_reason" text,
	"repayment_account_name" text,
	"repayment_bank_name" text,
	"repayment_account_number" text,
	"withdrawn_at" timestamp (3) with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "contract_financing_amount_positive" CHECK ("contract_financing"."amount_fen" > 0),
	CONSTRAINT "contract_financing_approved_has_account" CHECK ("contract_financing"."status" <> 'approved' OR "contract_financing"."repayment_account_number" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX "contract_financing_bank_entity_id_status_index" ON "contract_financing" USING btree ("bank_entity_id","status");--> statement-breakpoint
CREATE INDEX "contract_financing_supplier_entity_id_index" ON "contract_financing" USING btree ("supplier_entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_financing_one_live" ON "contract_financing" USING btree ("contract_id") WHERE "contract_financing"."status" IN ('applied', 'approved');