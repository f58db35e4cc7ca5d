CREATE TABLE "login_throttle" (
	"scope" text NOT NULL,
	"subject" text NOT NULL,
	"failures" jsonb NOT NULL,
	"locked_until" timestamp (3) with time zone,
	"expires_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "login_throttle_scope_subject_pk" PRIMARY KEY("scope","subject")
);
--> statement-breakpoint
CREATE INDEX "login_throttle_expires_at_index" ON "login_throttle" USING btree ("expires_at");