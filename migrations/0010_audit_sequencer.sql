-- The audit sequencer: an entry is written with the change it records (no lock), unlinked, and
-- linked afterwards in commit order by one linker at a time (src/platform/audit/audit-trail.ts).
ALTER TABLE "audit_entry" DROP CONSTRAINT "audit_entry_pkey";--> statement-breakpoint
ALTER TABLE "audit_entry" ALTER COLUMN "seq" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_entry" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_entry" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_entry" ADD COLUMN "entry_no" bigint PRIMARY KEY NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "audit_entry_entry_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
CREATE INDEX "audit_entry_unlinked_index" ON "audit_entry" USING btree ("entry_no") WHERE "audit_entry"."seq" IS NULL;--> statement-breakpoint
ALTER TABLE "audit_entry" ADD CONSTRAINT "audit_entry_seq_unique" UNIQUE("seq");--> statement-breakpoint
-- Still append-only for everyone, the owner included: the one UPDATE allowed links an unlinked
-- entry, setting seq, prev_hash and hash once and nothing else. The application's role may
-- update only those three columns (src/platform/database/privileges.ts).
CREATE OR REPLACE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
       AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
       AND to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash' = to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash' THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_entry is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
-- An entry arrives unlinked: only the sequencer links it, so nothing can insert a forged link.
CREATE FUNCTION audit_entry_arrives_unlinked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
    RAISE EXCEPTION 'audit_entry arrives unlinked (seq, prev_hash and hash are the sequencer''s)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_entry_arrives_unlinked BEFORE INSERT ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION audit_entry_arrives_unlinked();
