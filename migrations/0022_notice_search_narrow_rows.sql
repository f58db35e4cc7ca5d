-- A search visits every matching row for its total and facet counts; with the words inline a row
-- averaged 2.7 KB and a common word's matches were thousands of 8 KB pages (docs/BENCHMARKS.md,
-- Search). The words now live out of line (read only to rank the best candidates), the short
-- columns every match needs stay in the row, and a row is toasted from 128 bytes on. The title's
-- own words, which the ranking asks of every match, get a small column of their own.
ALTER TABLE "notice_search" ALTER COLUMN "words" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "notice_search" ALTER COLUMN "title" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "notice_search" ALTER COLUMN "purchaser_name" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "notice_search" ALTER COLUMN "agency_name" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "notice_search" SET (toast_tuple_target = 128);--> statement-breakpoint
-- (Adding a stored column rewrites the table, so the rows already there take the new layout too.)
ALTER TABLE "notice_search"
  ADD COLUMN "title_words" "tsvector" GENERATED ALWAYS AS (ts_filter(words, '{a}')) STORED,
  ALTER COLUMN "title_words" SET STORAGE MAIN;
