-- Search (issue 11). A search visits every matching row for its total and facet counts; with the
-- words inline a row averaged 2.7 KB, and a common word's matches were thousands of 8 KB pages
-- (docs/BENCHMARKS.md, Search). The words now live out of line (read only to rank the best
-- candidates), the short columns every match needs stay in the row, and a row above the toast
-- threshold is toasted down to 128 bytes. The title's own words, which the ranking asks of every
-- match, get a small column of their own.
ALTER TABLE "notice_search" ALTER COLUMN "words" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "notice_search" ALTER COLUMN "title" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "notice_search" ALTER COLUMN "purchaser_name" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "notice_search" ALTER COLUMN "agency_name" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "notice_search" SET (toast_tuple_target = 128);--> statement-breakpoint
-- (Adding a stored column rewrites the table, so the rows already there take the new layout too.)
ALTER TABLE "notice_search"
  ADD COLUMN "title_words" "tsvector" GENERATED ALWAYS AS (ts_filter(words, '{a}')) STORED,
  ALTER COLUMN "title_words" SET STORAGE MAIN;--> statement-breakpoint
-- The text of the result notice's attachments (the procurement documents), for fragments.
ALTER TABLE "notice_search" ADD COLUMN "attachment_text" text;--> statement-breakpoint
-- The procurement documents' text as read at upload, for the search.
ALTER TABLE "tender_document" ADD COLUMN "extracted_text" text;--> statement-breakpoint
-- Names typed into the search are matched against the names notices carried, once each, instead
-- of every notice's (Chinese names share most of their trigrams); their notices through btree.
CREATE TABLE "notice_search_name" (
	"entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "notice_search_name_entity_id_name_pk" PRIMARY KEY("entity_id","name")
);
--> statement-breakpoint
CREATE INDEX "notice_search_name_trgm_idx" ON "notice_search_name" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
INSERT INTO "notice_search_name" ("entity_id", "name")
  SELECT "purchaser_entity_id", "purchaser_name" FROM "notice_search" WHERE "purchaser_entity_id" IS NOT NULL AND "purchaser_name" IS NOT NULL
  UNION
  SELECT "agency_entity_id", "agency_name" FROM "notice_search" WHERE "agency_entity_id" IS NOT NULL AND "agency_name" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
DROP INDEX "notice_search_purchaser_trgm_idx";--> statement-breakpoint
DROP INDEX "notice_search_agency_trgm_idx";--> statement-breakpoint
CREATE INDEX "notice_search_purchaser_entity_id_index" ON "notice_search" USING btree ("purchaser_entity_id");--> statement-breakpoint
CREATE INDEX "notice_search_agency_entity_id_index" ON "notice_search" USING btree ("agency_entity_id");
