/**
 * The application works as a role that may read and write every table except the
 * append-only ones, where it may only read and insert. Re-applied after every migration
 * so new tables are covered; idempotent.
 */
// Records that are evidence: once written, never changed (the role may only insert and read them).
export const APPEND_ONLY_TABLES = ['audit_entry', 'audit_checkpoint', 'sampling_draw', 'report_signature', 'award_letter', 'acceptance', 'archive_package', 'ledger_account', 'journal_entry', 'ledger_posting', 'virtual_account', 'deposit_receipt', 'deposit_forfeit', 'payment_step', 'ocds_release', 'case_event', 'credit_record', 'alert_event', 'screening_record'];

export async function applyPrivileges(exec: (statement: string) => Promise<void>, appRole: string): Promise<void> {
  // One transaction: a process starting up re-applies them while others run, and must not open a
  // moment in which the role may update the append-only tables (between the GRANT and the REVOKE)
  // or may not link audit entries (between the REVOKE and the column GRANT).
  await exec('BEGIN');
  try {
    await grantAll(exec, appRole);
    await exec('COMMIT');
  } catch (error) {
    await exec('ROLLBACK');
    throw error;
  }
}

async function grantAll(exec: (statement: string) => Promise<void>, appRole: string): Promise<void> {
  await exec(`DO $$ BEGIN
    CREATE ROLE ${appRole} NOLOGIN;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$`);
  // The connecting role must be able to SET ROLE to the application role.
  await exec(`DO $$ BEGIN
    IF NOT pg_has_role(current_user, '${appRole}', 'MEMBER') THEN EXECUTE 'GRANT ${appRole} TO ' || quote_ident(current_user); END IF;
  END $$`);
  await exec(`GRANT USAGE ON SCHEMA public TO ${appRole}`);
  await exec(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${appRole}`);
  await exec(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${appRole}`);
  for (const table of APPEND_ONLY_TABLES) await exec(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM ${appRole}`);
  // The audit sequencer links an entry once: these three columns only, and the trigger allows no other change (migrations/0010).
  await exec(`GRANT UPDATE (seq, prev_hash, hash) ON audit_entry TO ${appRole}`);
}
