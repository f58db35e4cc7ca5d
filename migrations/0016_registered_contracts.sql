CREATE TABLE "api_key" (
	"id" text PRIMARY KEY NOT NULL,
	"entity_id" uuid NOT NULL,
	"secret_sealed" text NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "payment_application" ALTER COLUMN "project_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "contract" ALTER COLUMN "project_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "contract" ALTER COLUMN "lot_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "contract" ALTER COLUMN "bid_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "contract" ALTER COLUMN "drafted_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "contract" ADD COLUMN "source_entity_id" uuid;--> statement-breakpoint
ALTER TABLE "contract" ADD COLUMN "source_reference" text;--> statement-breakpoint
CREATE INDEX "api_key_entity_id_index" ON "api_key" USING btree ("entity_id");--> statement-breakpoint
ALTER TABLE "contract" ADD CONSTRAINT "contract_source_reference_unique" UNIQUE("source_entity_id","source_reference");--> statement-breakpoint
-- Banks' keys become the keys of any registered system (banks, sub-platforms): same columns, the holder renamed.
INSERT INTO "api_key" ("id", "entity_id", "secret_sealed", "demo", "created_at", "revoked_at")
  SELECT "id", "bank_entity_id", "secret_sealed", "demo", "created_at", "revoked_at" FROM "bank_api_key";
--> statement-breakpoint
DROP TABLE "bank_api_key";
