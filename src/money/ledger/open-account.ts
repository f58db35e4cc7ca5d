import { randomUUID } from 'node:crypto';
import type { AuditSeal } from '../../platform/audit/audit-chain';
import type { Context } from '../../platform/context';
import { againIfViolated, type Db } from '../../platform/database/database';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { accountCode, assertAccountSpec, type AccountSpec } from './ledger.rules';
import { ledgerAccount } from './ledger.schema';
import { findAccount, type AccountRow } from './ledger.store';

/** For the audit entry: the project an account belongs to, and whether it tells who bids (a deposit sub-account does, until the opening). */
export interface AccountAuditScope {
  projectId?: string | null;
  sealed?: AuditSeal | null;
}

/**
 * Opens the account for what `spec` describes, inside the caller's transaction, with its audit
 * entry. Its code follows from the spec, so a second opening fails on `ledger_account_code_unique`
 * (openLedgerAccount looks it up instead).
 */
export async function insertAccount(tx: Db, audit: AuditRecorder, ctx: Context, spec: AccountSpec, scope: AccountAuditScope = {}): Promise<AccountRow> {
  assertAccountSpec(spec);
  const [row] = await tx
    .insert(ledgerAccount)
    .values({
      id: randomUUID(),
      code: accountCode(spec),
      kind: spec.kind,
      regionCode: spec.regionCode,
      ownerEntityId: 'supplierEntityId' in spec ? spec.supplierEntityId : 'entityId' in spec ? spec.entityId : null,
      lotId: 'lotId' in spec ? spec.lotId : null,
      contractId: 'contractId' in spec ? spec.contractId : null,
      openedAt: ctx.platform.clock.now(),
    })
    .returning();
  audit.record({
    action: 'ledger.open_account',
    subjectType: 'ledgerAccount',
    subjectId: row!.id,
    regionCode: spec.regionCode,
    projectId: scope.projectId ?? null,
    ...(scope.sealed !== undefined ? { sealed: scope.sealed } : {}),
    after: { code: row!.code, kind: row!.kind },
  });
  return row!;
}

/** Inside the caller's transaction: the code of the account for `spec`, opened first if it is not yet. */
export async function ensureAccount(tx: Db, audit: AuditRecorder, ctx: Context, spec: AccountSpec, scope: AccountAuditScope = {}): Promise<string> {
  const code = accountCode(spec);
  if (!(await findAccount(tx, code))) await insertAccount(tx, audit, ctx, spec, scope);
  return code;
}

/** The account for `spec`, opened if it is not yet (idempotent, also when two open it at once). */
export async function openLedgerAccount(ctx: Context, spec: AccountSpec, scope: AccountAuditScope = {}): Promise<AccountRow> {
  assertAccountSpec(spec);
  return againIfViolated('ledger_account_code_unique', async () => {
    const found = await findAccount(ctx.platform.database.db, accountCode(spec));
    return found ?? inTransaction(ctx, (tx, audit) => insertAccount(tx, audit, ctx, spec, scope));
  });
}
