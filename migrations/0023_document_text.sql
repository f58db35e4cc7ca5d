ALTER TABLE "notice_search" ADD COLUMN "attachment_text" text;--> statement-breakpoint
ALTER TABLE "tender_document" ADD COLUMN "extracted_text" text;