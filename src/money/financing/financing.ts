import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { entitySummaries } from '../../identity';
import { entity, person, personRole } from '../../identity/identity.schema';
import type { Actor, Context } from '../../platform/context';
import { INT4_MAX, violates, type Db } from '../../platform/database/database';
import { hiddenRow } from '../../platform/deny';
import { bilingual, conflict, DomainError, notFound, staleRevision } from '../../platform/errors';
import { formatYuan, MAX_FEN } from '../../platform/money';
import { notify } from '../../platform/notifications/notifications';
import { inTransaction } from '../../platform/unit-of-work';
import { contract } from '../../trading/contract/contract.schema';
import { OPEN_STATUSES, STATUS_NAMES } from '../payments/payment.states';
import { paymentApplication } from '../payments/payments.schema';
import { FINANCING_STATUS_NAMES, financingAmountProblem, LIVE_FINANCING_STATUSES, repaymentAccountProblem, unpaidFen, type Problem } from './financing.rules';
import { contractFinancing } from './financing.schema';

type FinancingRow = typeof contractFinancing.$inferSelect;
type ContractRow = typeof contract.$inferSelect;

const accountInput = z.object({
  accountName: z.string().trim().min(1).max(200).describe('户名: the supplier'),
  bankName: z.string().trim().min(2).max(200).describe('开户银行'),
  accountNumber: z.string().regex(/^[0-9]{8,32}$/).describe('账号'),
});
export const applyInput = z.object({
  bankEntityId: z.uuid().describe('A bank offering financing (GET /api/financing/banks)'),
  amountFen: z.int().min(1).max(MAX_FEN).describe('融资金额, fen: at most what is unpaid on the contract'),
  consent: z.literal(true).describe('The supplier consents that this bank sees this contract and its payment status'),
});
export const approveInput = z.object({ revision: z.int().min(1).max(INT4_MAX), repaymentAccount: accountInput.describe('回款账户 agreed with the supplier: every payment on the contract goes there') });
export const declineInput = z.object({ revision: z.int().min(1).max(INT4_MAX), reason: z.string().trim().min(2).max(1000).describe('Why (shown to the supplier)') });
export const withdrawInput = z.object({ revision: z.int().min(1).max(INT4_MAX) });

const WHAT = bilingual('融资申请', 'Financing application');
const problem = (p: Problem) => new DomainError('FINANCING_APPLICATION', p.messages, 422, { field: p.field });
const isSupplierOf = (actor: Actor | null, f: { supplierEntityId: string }) => Boolean(actor?.roles.includes('supplier') && actor.entityId === f.supplierEntityId);
const isBankOf = (actor: Actor | null, f: { bankEntityId: string }) => Boolean(actor?.roles.includes('financier') && actor.entityId === f.bankEntityId);

/**
 * Who sees a financing: its supplier, always; the bank's credit officers, only while the supplier's
 * consent stands (not once the supplier withdrew the application). Anyone else: it does not exist.
 */
export function financingDesk(actor: Actor | null, f: Pick<FinancingRow, 'supplierEntityId' | 'bankEntityId' | 'status'>): 'supplier' | 'bank' | null {
  if (isSupplierOf(actor, f)) return 'supplier';
  if (isBankOf(actor, f) && f.status !== 'withdrawn') return 'bank';
  return null;
}

/** The banks offering financing: registered, active banks with credit officers who decide. */
export async function financingBanks(db: Db) {
  const rows = await db
    .selectDistinct({ id: entity.id, name: entity.name, regionCode: entity.regionCode })
    .from(entity)
    .innerJoin(person, eq(person.entityId, entity.id))
    .innerJoin(personRole, eq(personRole.personId, person.id))
    .where(and(eq(entity.entityType, 'bank'), eq(entity.status, 'active'), eq(person.status, 'active'), eq(personRole.role, 'financier')))
    .orderBy(asc(entity.name));
  return rows;
}

async function paidSoFar(db: Db, contractId: string) {
  return db.select({ totalFen: paymentApplication.totalFen }).from(paymentApplication).where(and(eq(paymentApplication.contractId, contractId), eq(paymentApplication.status, 'paid')));
}

async function namesOf(db: Db, rows: FinancingRow[]) {
  return entitySummaries(db, rows.flatMap((r) => [r.supplierEntityId, r.bankEntityId]));
}

function financingView(f: FinancingRow, names: Map<string, { name: string }>, actor: Actor | null) {
  const desk = financingDesk(actor, f);
  return {
    id: f.id,
    contractId: f.contractId,
    status: f.status,
    statusName: FINANCING_STATUS_NAMES[f.status],
    supplierName: names.get(f.supplierEntityId)?.name ?? '',
    bankEntityId: f.bankEntityId,
    bankName: names.get(f.bankEntityId)?.name ?? '',
    amountFen: f.amountFen,
    consentAt: f.consentAt.toISOString(),
    appliedAt: f.appliedAt.toISOString(),
    decidedAt: f.decidedAt?.toISOString() ?? null,
    declineReason: f.declineReason,
    repaymentAccount: f.repaymentAccountNumber ? { accountName: f.repaymentAccountName!, bankName: f.repaymentBankName!, accountNumber: f.repaymentAccountNumber } : null,
    revision: f.revision,
    actions: (f.status !== 'applied' ? [] : desk === 'bank' ? ['approve', 'decline'] : desk === 'supplier' ? ['withdraw'] : []) as ('approve' | 'decline' | 'withdraw')[],
  };
}

/** What the bank is shown, with the consent: the contract's essentials and its payment applications' status. */
async function contractForBank(db: Db, c: ContractRow) {
  const names = await entitySummaries(db, [c.purchaserEntityId, c.supplierEntityId]);
  const payments = await db
    .select({ applicationNumber: paymentApplication.applicationNumber, milestoneNo: paymentApplication.milestoneNo, totalFen: paymentApplication.totalFen, status: paymentApplication.status, dueOn: paymentApplication.dueOn, paidOn: paymentApplication.paidOn, payeeAccountNumber: paymentApplication.payeeAccountNumber })
    .from(paymentApplication)
    .where(and(eq(paymentApplication.contractId, c.id), ne(paymentApplication.status, 'withdrawn')))
    .orderBy(asc(paymentApplication.filedAt));
  return {
    contractNumber: c.contractNumber,
    title: c.title,
    status: c.status,
    purchaserName: names.get(c.purchaserEntityId)?.name ?? '',
    supplierName: names.get(c.supplierEntityId)?.name ?? '',
    supplierCreditCode: names.get(c.supplierEntityId)?.creditCode ?? '',
    priceFen: c.priceFen,
    signedAt: c.signedAt?.toISOString() ?? null,
    paymentTermDays: c.paymentTermDays,
    performancePeriod: c.performancePeriod,
    milestones: c.milestones.map((m) => ({ no: m.no, name: m.name, amountFen: m.amountFen, dueDate: m.dueDate })),
    paidFen: payments.filter((p) => p.status === 'paid').reduce((s, p) => s + p.totalFen, 0),
    unpaidFen: unpaidFen(c.priceFen, payments.filter((p) => p.status === 'paid')),
    payments: payments.map((p) => ({ ...p, statusName: STATUS_NAMES[p.status] })),
  };
}

async function loadContract(db: Db, contractId: string, lock: boolean) {
  const q = db.select().from(contract).where(eq(contract.id, contractId));
  const [c] = lock ? await q.for('update') : await q;
  if (!c) throw notFound(bilingual('合同', 'Contract'));
  return c;
}

/** The supplier's view of financing on its contract: what is unpaid, the banks offering, its applications. */
export async function contractFinancingOf(ctx: Context, contractId: string) {
  const db = ctx.platform.database.db;
  const c = await loadContract(db, contractId, false);
  if (!isSupplierOf(ctx.actor, c)) throw hiddenRow('contract', contractId, bilingual('合同', 'Contract'));
  const rows = await db.select().from(contractFinancing).where(eq(contractFinancing.contractId, contractId)).orderBy(desc(contractFinancing.appliedAt));
  const names = await namesOf(db, rows);
  return {
    contractId,
    inForce: c.status === 'signed' || c.status === 'completed',
    unpaidFen: unpaidFen(c.priceFen, await paidSoFar(db, contractId)),
    banks: await financingBanks(db),
    financings: rows.map((f) => financingView(f, names, ctx.actor)),
  };
}

const alreadyLive = (id: string | null) => conflict('FINANCING_ALREADY_LIVE', bilingual('该合同已有待审批或已批准的融资申请，一份合同只能办理一笔融资', 'This contract already has a pending or approved financing; a contract is financed once'), { financingId: id });

/** The supplier of a signed contract applies to one bank, consenting that it sees the contract. */
export async function applyForFinancing(ctx: Context, contractId: string, input: z.infer<typeof applyInput>) {
  const actor = ctx.actor!;
  try {
    return await inTransaction(ctx, async (tx, audit) => {
      const c = await loadContract(tx, contractId, true);
      if (!isSupplierOf(actor, c)) throw hiddenRow('contract', contractId, bilingual('合同', 'Contract'));
      if (c.status !== 'signed' && c.status !== 'completed') throw conflict('CONTRACT_NOT_IN_FORCE', bilingual('合同签订后方可申请融资', 'Financing needs a signed contract'));
      const bank = (await entitySummaries(tx, [input.bankEntityId])).get(input.bankEntityId);
      if (!bank || !(await financingBanks(tx)).some((b) => b.id === input.bankEntityId))
        throw new DomainError('BANK_NOT_OFFERING_FINANCING', bilingual('所选机构不是平台登记的提供政府采购合同融资的银行', 'The chosen institution is not a registered bank offering contract financing'), 422, { field: 'bankEntityId' });
      const live = await tx.select({ id: contractFinancing.id }).from(contractFinancing).where(and(eq(contractFinancing.contractId, contractId), inArray(contractFinancing.status, [...LIVE_FINANCING_STATUSES])));
      if (live.length) throw alreadyLive(live[0]!.id);
      const amount = financingAmountProblem(input.amountFen, unpaidFen(c.priceFen, await paidSoFar(tx, contractId)));
      if (amount) throw problem(amount);
      const now = ctx.platform.clock.now();
      const [row] = await tx
        .insert(contractFinancing)
        .values({ id: randomUUID(), contractId, projectId: c.projectId, regionCode: c.regionCode, supplierEntityId: c.supplierEntityId, bankEntityId: bank.id, amountFen: input.amountFen, status: 'applied', consentAt: now, appliedAt: now, appliedBy: actor.personId })
        .returning();
      audit.record({ action: 'financing.apply', subjectType: 'contractFinancing', subjectId: row!.id, regionCode: c.regionCode, projectId: c.projectId, after: { contractId, bankEntityId: bank.id, amountFen: input.amountFen, status: 'applied', consent: true } });
      await notify(tx, now, [
        {
          to: { entityId: bank.id, role: 'financier' },
          title: bilingual(`新的政府采购合同融资申请：${c.contractNumber}`, `New contract financing application: ${c.contractNumber}`),
          body: bilingual(`${c.title}，申请金额${formatYuan(input.amountFen)}元。`, `${c.title}: ${formatYuan(input.amountFen)} yuan.`),
          link: '/workspace/financing',
          subject: { type: 'contractFinancing', id: row!.id },
        },
      ]);
      return financingView(row!, await namesOf(tx, [row!]), actor);
    });
  } catch (error) {
    if (violates(error, 'contract_financing_one_live')) throw alreadyLive(null);
    throw error;
  }
}

/** The bank's desk: every application made to it (pending first), with the contract's essentials while the consent stands. */
export async function bankQueue(ctx: Context) {
  const actor = ctx.actor!;
  const db = ctx.platform.database.db;
  const rows = await db.select().from(contractFinancing).where(and(eq(contractFinancing.bankEntityId, actor.entityId), ne(contractFinancing.status, 'withdrawn'))).orderBy(asc(contractFinancing.appliedAt));
  const names = await namesOf(db, rows);
  const contracts = rows.length ? await db.select().from(contract).where(inArray(contract.id, [...new Set(rows.map((r) => r.contractId))])) : [];
  const order = (f: FinancingRow) => (f.status === 'applied' ? 0 : 1);
  const views = [];
  for (const f of [...rows].sort((a, b) => order(a) - order(b))) views.push({ ...financingView(f, names, actor), contract: await contractForBank(db, contracts.find((c) => c.id === f.contractId)!) });
  return views;
}

async function lockFinancing(tx: Db, actor: Actor, id: string) {
  const [f] = await tx.select().from(contractFinancing).where(eq(contractFinancing.id, id)).for('update');
  if (!f || !financingDesk(actor, f)) throw hiddenRow('contractFinancing', id, WHAT);
  return f;
}

/** One financing as its supplier or its bank sees it; the bank also sees the contract (with the consent). */
export async function readFinancing(ctx: Context, id: string) {
  const db = ctx.platform.database.db;
  const [f] = await db.select().from(contractFinancing).where(eq(contractFinancing.id, id));
  if (!f || !financingDesk(ctx.actor, f)) throw hiddenRow('contractFinancing', id, WHAT);
  return { ...financingView(f, await namesOf(db, [f]), ctx.actor), contract: await contractForBank(db, await loadContract(db, f.contractId, false)) };
}

const notPending = (f: FinancingRow) =>
  conflict('FINANCING_NOT_PENDING', bilingual(`该融资申请当前状态为“${FINANCING_STATUS_NAMES[f.status]['zh-CN']}”，不能执行此操作`, `The application is “${FINANCING_STATUS_NAMES[f.status]['en-US']}”; this action is not possible now`), { status: f.status });

/**
 * The bank approves with the repayment account agreed with the supplier. The contract row is
 * locked first, as a payment filing locks it, so no application slips in with another payee; open
 * applications already naming another account must be withdrawn first (409).
 */
export async function approveFinancing(ctx: Context, id: string, input: z.infer<typeof approveInput>) {
  const actor = ctx.actor!;
  return inTransaction(ctx, async (tx, audit) => {
    const [peek] = await tx.select({ contractId: contractFinancing.contractId }).from(contractFinancing).where(eq(contractFinancing.id, id));
    const c = peek ? await loadContract(tx, peek.contractId, true) : null;
    const f = await lockFinancing(tx, actor, id);
    if (financingDesk(actor, f) !== 'bank' || !c) throw hiddenRow('contractFinancing', id, WHAT);
    if (f.status !== 'applied') throw notPending(f);
    if (f.revision !== input.revision) throw staleRevision();
    const supplier = (await entitySummaries(tx, [c.supplierEntityId])).get(c.supplierEntityId)!;
    const account = { accountName: input.repaymentAccount.accountName.trim(), bankName: input.repaymentAccount.bankName.trim(), accountNumber: input.repaymentAccount.accountNumber };
    const p = repaymentAccountProblem(account, supplier.name);
    if (p) throw problem(p);
    const open = await tx.select({ applicationNumber: paymentApplication.applicationNumber, payeeAccountNumber: paymentApplication.payeeAccountNumber, payeeBankName: paymentApplication.payeeBankName }).from(paymentApplication).where(and(eq(paymentApplication.contractId, c.id), inArray(paymentApplication.status, [...OPEN_STATUSES])));
    const elsewhere = open.filter((a) => a.payeeAccountNumber !== account.accountNumber || a.payeeBankName !== account.bankName);
    if (elsewhere.length)
      throw conflict(
        'OPEN_PAYMENTS_TO_OTHER_ACCOUNT',
        bilingual(`合同尚有收款账户不同的在途支付申请（${elsewhere.map((a) => a.applicationNumber).join('、')}），请供应商撤回后再批准`, `Open payment applications on the contract name another account (${elsewhere.map((a) => a.applicationNumber).join(', ')}); the supplier withdraws them before the approval`),
        { applications: elsewhere.map((a) => a.applicationNumber) },
      );
    const now = ctx.platform.clock.now();
    const [saved] = await tx
      .update(contractFinancing)
      .set({ status: 'approved', decidedAt: now, decidedBy: actor.personId, repaymentAccountName: account.accountName, repaymentBankName: account.bankName, repaymentAccountNumber: account.accountNumber, revision: f.revision + 1 })
      .where(eq(contractFinancing.id, id))
      .returning();
    audit.record({ action: 'financing.approve', subjectType: 'contractFinancing', subjectId: id, regionCode: f.regionCode, projectId: f.projectId, before: { status: f.status }, after: { status: 'approved', amountFen: f.amountFen, repaymentAccount: account } });
    await notify(tx, now, [
      {
        to: { entityId: f.supplierEntityId, role: 'supplier' },
        title: bilingual(`${c.contractNumber} 融资申请已获批准`, `${c.contractNumber}: financing approved`),
        body: bilingual(`融资金额${formatYuan(f.amountFen)}元；此后该合同的支付款项均付至回款账户 ${account.bankName} ${account.accountNumber}。`, `${formatYuan(f.amountFen)} yuan; every payment on the contract now goes to ${account.bankName} ${account.accountNumber}.`),
        link: `/workspace/contracts/${c.id}`,
        subject: { type: 'contractFinancing', id },
      },
    ]);
    return financingView(saved!, await namesOf(tx, [saved!]), actor);
  });
}

/** The bank declines with its reason; the supplier may then apply again (to this bank or another). */
export async function declineFinancing(ctx: Context, id: string, input: z.infer<typeof declineInput>) {
  const actor = ctx.actor!;
  return inTransaction(ctx, async (tx, audit) => {
    const f = await lockFinancing(tx, actor, id);
    if (financingDesk(actor, f) !== 'bank') throw hiddenRow('contractFinancing', id, WHAT);
    if (f.status !== 'applied') throw notPending(f);
    if (f.revision !== input.revision) throw staleRevision();
    const now = ctx.platform.clock.now();
    const [saved] = await tx.update(contractFinancing).set({ status: 'declined', decidedAt: now, decidedBy: actor.personId, declineReason: input.reason, revision: f.revision + 1 }).where(eq(contractFinancing.id, id)).returning();
    audit.record({ action: 'financing.decline', subjectType: 'contractFinancing', subjectId: id, regionCode: f.regionCode, projectId: f.projectId, before: { status: f.status }, after: { status: 'declined', reason: input.reason } });
    await notify(tx, now, [
      { to: { entityId: f.supplierEntityId, role: 'supplier' }, title: bilingual('融资申请未获批准', 'Financing declined'), body: bilingual(`理由：${input.reason}`, `Reason: ${input.reason}`), link: `/workspace/contracts/${f.contractId}`, subject: { type: 'contractFinancing', id } },
    ]);
    return financingView(saved!, await namesOf(tx, [saved!]), actor);
  });
}

/** The supplier withdraws a pending application, and with it the consent: the bank no longer sees the contract. */
export async function withdrawFinancing(ctx: Context, id: string, input: z.infer<typeof withdrawInput>) {
  const actor = ctx.actor!;
  return inTransaction(ctx, async (tx, audit) => {
    const f = await lockFinancing(tx, actor, id);
    if (financingDesk(actor, f) !== 'supplier') throw hiddenRow('contractFinancing', id, WHAT);
    if (f.status !== 'applied') throw notPending(f);
    if (f.revision !== input.revision) throw staleRevision();
    const now = ctx.platform.clock.now();
    const [saved] = await tx.update(contractFinancing).set({ status: 'withdrawn', withdrawnAt: now, revision: f.revision + 1 }).where(eq(contractFinancing.id, id)).returning();
    audit.record({ action: 'financing.withdraw', subjectType: 'contractFinancing', subjectId: id, regionCode: f.regionCode, projectId: f.projectId, before: { status: f.status }, after: { status: 'withdrawn', consent: false } });
    return financingView(saved!, await namesOf(tx, [saved!]), actor);
  });
}
