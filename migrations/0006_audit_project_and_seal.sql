ALTER TABLE "audit_entry" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "audit_entry" ADD COLUMN "sealed" text;--> statement-breakpoint
CREATE INDEX "audit_entry_project_id_seq_index" ON "audit_entry" USING btree ("project_id","seq");