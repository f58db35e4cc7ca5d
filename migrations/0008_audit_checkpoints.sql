CREATE TABLE "audit_checkpoint" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"head_hash" char(64) NOT NULL,
	"receipts_root" char(64) NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"signing_key_id" text NOT NULL,
	"signature" text NOT NULL,
	"filler_seed" char(64) NOT NULL
);
