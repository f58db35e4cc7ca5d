CREATE TABLE "notice_search_name" (
	"entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "notice_search_name_entity_id_name_pk" PRIMARY KEY("entity_id","name")
);
--> statement-breakpoint
DROP INDEX "notice_search_purchaser_trgm_idx";--> statement-breakpoint
DROP INDEX "notice_search_agency_trgm_idx";--> statement-breakpoint
CREATE INDEX "notice_search_name_trgm_idx" ON "notice_search_name" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "notice_search_purchaser_entity_id_index" ON "notice_search" USING btree ("purchaser_entity_id");--> statement-breakpoint
CREATE INDEX "notice_search_agency_entity_id_index" ON "notice_search" USING btree ("agency_entity_id");--> statement-breakpoint
-- The names of the notices indexed so far.
INSERT INTO "notice_search_name" ("entity_id", "name")
  SELECT "purchaser_entity_id", "purchaser_name" FROM "notice_search" WHERE "purchaser_entity_id" IS NOT NULL AND "purchaser_name" IS NOT NULL
  UNION
  SELECT "agency_entity_id", "agency_name" FROM "notice_search" WHERE "agency_entity_id" IS NOT NULL AND "agency_name" IS NOT NULL
ON CONFLICT DO NOTHING;
