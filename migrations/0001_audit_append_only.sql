-- The audit trail is append-only for everyone, the table owner included: UPDATE, DELETE and
-- TRUNCATE raise an error. The application's role additionally has no UPDATE/DELETE grant
-- (src/platform/database/privileges.ts). Only a superuser who disables triggers can rewrite
-- history, and `npm run audit:verify` then names the first rewritten entry.
CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entry is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_entry_no_update_delete BEFORE UPDATE OR DELETE ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();
