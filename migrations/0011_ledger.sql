-- The double-entry ledger (src/money/ledger). Tables from ledger.schema.ts; then what the schema
-- cannot say: the ledger is append-only for everyone, and every journal entry balances at commit.
CREATE TABLE "journal_entry" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entry_no" bigint GENERATED ALWAYS AS IDENTITY (sequence name "journal_entry_entry_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"corrects" uuid,
	"posting_count" integer NOT NULL,
	"memo" text,
	"region_code" text NOT NULL,
	"posted_at" timestamp (3) with time zone NOT NULL,
	"posted_by" uuid,
	CONSTRAINT "journal_entry_entry_no_unique" UNIQUE("entry_no"),
	CONSTRAINT "journal_entry_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "journal_entry_posting_count" CHECK ("journal_entry"."posting_count" >= 2),
	CONSTRAINT "journal_entry_correction" CHECK (("journal_entry"."kind" = 'correction') = ("journal_entry"."corrects" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "ledger_account" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"owner_entity_id" uuid,
	"lot_id" uuid,
	"contract_id" uuid,
	"opened_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "ledger_account_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "ledger_posting" (
	"posting_no" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_posting_posting_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"journal_entry_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "ledger_posting_entry_account_unique" UNIQUE("journal_entry_id","account_id"),
	CONSTRAINT "ledger_posting_amount_nonzero" CHECK ("ledger_posting"."amount_fen" <> 0)
);
--> statement-breakpoint
ALTER TABLE "journal_entry" ADD CONSTRAINT "journal_entry_corrects_journal_entry_id_fk" FOREIGN KEY ("corrects") REFERENCES "public"."journal_entry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_posting" ADD CONSTRAINT "ledger_posting_journal_entry_id_journal_entry_id_fk" FOREIGN KEY ("journal_entry_id") REFERENCES "public"."journal_entry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_posting" ADD CONSTRAINT "ledger_posting_account_id_ledger_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_account_kind_region_code_index" ON "ledger_account" USING btree ("kind","region_code");--> statement-breakpoint
CREATE INDEX "ledger_posting_account_id_index" ON "ledger_posting" USING btree ("account_id");--> statement-breakpoint
-- Append-only for everyone, the table owner included, like the audit trail (0001): a correction is a
-- new entry. The application's role also has no UPDATE/DELETE grant (src/platform/database/privileges.ts).
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused); post a correcting journal entry instead', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER journal_entry_no_update_delete BEFORE UPDATE OR DELETE ON journal_entry FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER journal_entry_no_truncate BEFORE TRUNCATE ON journal_entry FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_posting_no_update_delete BEFORE UPDATE OR DELETE ON ledger_posting FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_posting_no_truncate BEFORE TRUNCATE ON ledger_posting FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_account_no_update_delete BEFORE UPDATE OR DELETE ON ledger_account FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_account_no_truncate BEFORE TRUNCATE ON ledger_account FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
-- The ledger sums to zero at every commit: at commit (deferred, so an entry and its postings are
-- written one statement after another), each entry written or posted to in the transaction has at
-- least two postings, exactly as many as it was written with (nothing added later, even balanced),
-- and they sum to zero. The application checks the same first (ledger.rules.ts), with clear errors.
CREATE FUNCTION journal_entry_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entry_id uuid;
  expected integer;
  found bigint;
  total numeric;
BEGIN
  IF TG_TABLE_NAME = 'journal_entry' THEN
    entry_id := NEW.id;
  ELSE
    entry_id := NEW.journal_entry_id;
  END IF;
  SELECT posting_count INTO expected FROM journal_entry WHERE id = entry_id;
  SELECT count(*), coalesce(sum(amount_fen), 0) INTO found, total FROM ledger_posting WHERE journal_entry_id = entry_id;
  IF expected IS NULL OR found < 2 OR found <> expected OR total <> 0 THEN
    RAISE EXCEPTION 'journal entry % does not balance: % postings (written with %), summing to % fen', entry_id, found, expected, total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER journal_entry_balanced AFTER INSERT ON journal_entry
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_check_balanced();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_posting_balanced AFTER INSERT ON ledger_posting
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_check_balanced();
