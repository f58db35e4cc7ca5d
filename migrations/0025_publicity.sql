CREATE TABLE "publicity" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"project_id" uuid NOT NULL,
	"lot_id" uuid,
	"region_code" text NOT NULL,
	"notice_id" uuid NOT NULL,
	"supplier_entity_id" uuid,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_on" text NOT NULL,
	"published_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_objection" (
	"id" uuid PRIMARY KEY NOT NULL,
	"publicity_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_for_entity_id" uuid,
	"text" text NOT NULL,
	"filed_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL,
	"review" text,
	"decided_at" timestamp (3) with time zone,
	"decided_by" uuid
);
--> statement-breakpoint
CREATE INDEX "publicity_project_id_kind_index" ON "publicity" USING btree ("project_id","kind");--> statement-breakpoint
CREATE INDEX "publicity_objection_publicity_id_index" ON "publicity_objection" USING btree ("publicity_id");--> statement-breakpoint
CREATE INDEX "publicity_objection_project_id_index" ON "publicity_objection" USING btree ("project_id");