CREATE TABLE "archive_package" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"manifest" jsonb NOT NULL,
	"manifest_sha256" text NOT NULL,
	"package_blob_sha256" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"created_by" uuid,
	"retain_until" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chair_vote" (
	"project_id" uuid NOT NULL,
	"voter_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"voted_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "chair_vote_project_id_voter_id_pk" PRIMARY KEY("project_id","voter_id")
);
--> statement-breakpoint
CREATE TABLE "committee" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"size" integer NOT NULL,
	"experts" integer NOT NULL,
	"purchaser_representatives" integer NOT NULL,
	"specialities" jsonb NOT NULL,
	"complex" boolean NOT NULL,
	"evaluation_starts_at" timestamp (3) with time zone NOT NULL,
	"evaluation_ends_at" timestamp (3) with time zone NOT NULL,
	"region_code" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp (3) with time zone NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_member" (
	"project_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"round" integer NOT NULL,
	"status" text NOT NULL,
	"responded_at" timestamp (3) with time zone,
	"refusal_reason" text,
	"is_chair" boolean DEFAULT false NOT NULL,
	CONSTRAINT "committee_member_project_id_person_id_pk" PRIMARY KEY("project_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "expert" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"employer_entity_id" uuid,
	"employer_name" text NOT NULL,
	"title" text NOT NULL,
	"specialities" jsonb NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"unavailable_dates" jsonb NOT NULL,
	"declared_conflicts" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sampling_draw" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"count" integer NOT NULL,
	"seed" text NOT NULL,
	"pool" jsonb NOT NULL,
	"drawn" jsonb NOT NULL,
	"drawn_at" timestamp (3) with time zone NOT NULL,
	"drawn_by" uuid,
	"cause" text NOT NULL,
	CONSTRAINT "sampling_draw_projectId_round_unique" UNIQUE("project_id","round")
);
--> statement-breakpoint
CREATE TABLE "award" (
	"lot_id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"status" text NOT NULL,
	"report_sent_at" timestamp (3) with time zone NOT NULL,
	"report_sent_by" uuid NOT NULL,
	"winner_bid_id" uuid,
	"choice_reason" text,
	"awarded_at" timestamp (3) with time zone,
	"awarded_by" uuid,
	"notice_id" uuid,
	"refused_bid_ids" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "award_letter" (
	"lot_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"kind" text NOT NULL,
	"fields" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"seal" text NOT NULL,
	"issued_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "award_letter_lot_id_bid_id_round_pk" PRIMARY KEY("lot_id","bid_id","round")
);
--> statement-breakpoint
CREATE TABLE "acceptance" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contract_id" uuid NOT NULL,
	"milestone_no" integer NOT NULL,
	"result" text NOT NULL,
	"payable_fen" bigint NOT NULL,
	"findings" text NOT NULL,
	"accepted_by" uuid NOT NULL,
	"members" jsonb NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contract_number" text NOT NULL,
	"project_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"purchaser_entity_id" uuid NOT NULL,
	"supplier_entity_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"title" text NOT NULL,
	"price_fen" bigint NOT NULL,
	"items" jsonb NOT NULL,
	"milestones" jsonb NOT NULL,
	"performance_period" text NOT NULL,
	"performance_place" text NOT NULL,
	"terms" text NOT NULL,
	"status" text NOT NULL,
	"content_hash" text NOT NULL,
	"supplier_signature" jsonb,
	"purchaser_signature" jsonb,
	"refusal_reason" text,
	"drafted_at" timestamp (3) with time zone NOT NULL,
	"drafted_by" uuid NOT NULL,
	"signed_at" timestamp (3) with time zone,
	"notice_id" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "contract_contractNumber_unique" UNIQUE("contract_number")
);
--> statement-breakpoint
CREATE TABLE "performance_review" (
	"contract_id" uuid NOT NULL,
	"from_entity_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"ratings" jsonb NOT NULL,
	"comment" text,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	CONSTRAINT "performance_review_contract_id_direction_pk" PRIMARY KEY("contract_id","direction"),
	CONSTRAINT "performance_review_contractId_fromEntityId_unique" UNIQUE("contract_id","from_entity_id")
);
--> statement-breakpoint
CREATE TABLE "bid_review" (
	"lot_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"criterion" text NOT NULL,
	"passed" boolean NOT NULL,
	"reason" text,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "bid_review_bid_id_person_id_criterion_pk" PRIMARY KEY("bid_id","person_id","criterion")
);
--> statement-breakpoint
CREATE TABLE "bid_score" (
	"lot_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"criterion" text NOT NULL,
	"points" numeric(6, 2) NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "bid_score_bid_id_person_id_criterion_pk" PRIMARY KEY("bid_id","person_id","criterion")
);
--> statement-breakpoint
CREATE TABLE "evaluation_report" (
	"lot_id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"result" jsonb NOT NULL,
	"tie_seed" text,
	"status" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"signed_at" timestamp (3) with time zone,
	"content_hash" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_submission" (
	"lot_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"submitted_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "evaluation_submission_lot_id_person_id_pk" PRIMARY KEY("lot_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "price_correction" (
	"bid_id" uuid PRIMARY KEY NOT NULL,
	"lot_id" uuid NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp (3) with time zone NOT NULL,
	"statement" jsonb NOT NULL,
	"corrections" jsonb NOT NULL,
	"from_fen" bigint NOT NULL,
	"corrected_fen" bigint NOT NULL,
	"confirmed" boolean,
	"responded_at" timestamp (3) with time zone,
	"responded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "price_explanation" (
	"bid_id" uuid PRIMARY KEY NOT NULL,
	"lot_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp (3) with time zone NOT NULL,
	"question" text NOT NULL,
	"explanation" text,
	"responded_at" timestamp (3) with time zone,
	"responded_by" uuid,
	"accepted" boolean,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "report_signature" (
	"lot_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"agreed" boolean NOT NULL,
	"dissent" text,
	"signed_at" timestamp (3) with time zone NOT NULL,
	"signature" text NOT NULL,
	CONSTRAINT "report_signature_lot_id_person_id_pk" PRIMARY KEY("lot_id","person_id")
);
--> statement-breakpoint
CREATE INDEX "committee_member_person_id_index" ON "committee_member" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "expert_region_code_status_index" ON "expert" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "award_letter_supplier_entity_id_index" ON "award_letter" USING btree ("supplier_entity_id");--> statement-breakpoint
CREATE INDEX "acceptance_contract_id_milestone_no_index" ON "acceptance" USING btree ("contract_id","milestone_no");--> statement-breakpoint
CREATE INDEX "contract_project_id_index" ON "contract" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "contract_supplier_entity_id_index" ON "contract" USING btree ("supplier_entity_id");