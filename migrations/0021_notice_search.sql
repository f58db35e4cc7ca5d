-- Fuzzy names (purchaser, agency, title): trigram indexes. PGlite loads the extension in database.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "notice_search" (
	"notice_id" uuid PRIMARY KEY NOT NULL,
	"notice_type" text NOT NULL,
	"project_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"words" "tsvector" NOT NULL,
	"region_code" text NOT NULL,
	"category_code" text,
	"method" text,
	"purchaser_entity_id" uuid,
	"purchaser_name" text,
	"agency_entity_id" uuid,
	"agency_name" text,
	"amount_fen" bigint,
	"published_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
-- The text is read only for a page's fragments: kept out of line, so that a search reads narrow rows (words inline, uncompressed).
ALTER TABLE "notice_search" ALTER COLUMN "body" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "notice_search" ALTER COLUMN "words" SET STORAGE MAIN;--> statement-breakpoint
CREATE INDEX "notice_search_words_idx" ON "notice_search" USING gin ("words");--> statement-breakpoint
CREATE INDEX "notice_search_title_trgm_idx" ON "notice_search" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "notice_search_purchaser_trgm_idx" ON "notice_search" USING gin ("purchaser_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "notice_search_agency_trgm_idx" ON "notice_search" USING gin ("agency_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "notice_search_published_at_index" ON "notice_search" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "notice_search_region_code_index" ON "notice_search" USING btree ("region_code");