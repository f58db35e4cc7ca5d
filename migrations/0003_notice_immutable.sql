-- A published notice is never edited or deleted: a change is a correction notice (NOTICES.md).
CREATE FUNCTION notice_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a published notice cannot be changed (% refused); publish a correction notice', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER notice_no_update_delete BEFORE UPDATE OR DELETE ON notice
  FOR EACH ROW EXECUTE FUNCTION notice_refuse_change();
