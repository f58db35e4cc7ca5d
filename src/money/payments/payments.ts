import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, ne, or, sum, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { entitySummaries } from '../../identity';
import { person } from '../../identity/identity.schema';
import { inRegion } from '../../identity/region-sql';
import { regionCovers } from '../../identity/region-scope';
import { isLocalDate, shanghaiDate, type LocalDate } from '../../platform/calendar/calendar';
import type { Actor, Context } from '../../platform/context';
import { INT4_MAX, violates, type Db } from '../../platform/database/database';
import { deny, hiddenRow } from '../../platform/deny';
import { bilingual, conflict, DomainError, notFound, staleRevision, type Bilingual } from '../../platform/errors';
import { formatYuan, MAX_FEN } from '../../platform/money';
import { notify, type Message } from '../../platform/notifications/notifications';
import { inTransaction } from '../../platform/unit-of-work';
import { acceptance, contract } from '../../trading/contract/contract.schema';
import { payeeProblem } from '../financing/financing.rules';
import { agreedRepaymentAccount } from '../financing/financing.store';
import { accountCode } from '../ledger/ledger.rules';
import { openLedgerAccount } from '../ledger/open-account';
import { insertJournalEntry } from '../ledger/post-journal-entry';
import { availableFen, daysBetween, invoiceFileKind, invoiceProblems, lateInterestFen, paymentDueOn, type Problem } from './payment.rules';
import { actionsFor, CLAIMING_STATUSES, currentStep, DESK_OF, OPEN_STATUSES, PAYMENT_TRANSITIONS, paymentTransition, STATUS_NAMES, type PaymentAction, type PaymentDesk, type PaymentStatus } from './payment.states';
import { paymentApplication, paymentStep } from './payments.schema';
import { governmentDesks, type TreasuryAdapter } from './treasury';

export type ApplicationRow = typeof paymentApplication.$inferSelect;

/** An invoice file is at most 10 MB (a scanned multi-page invoice; e-invoices are far smaller). */
export const MAX_INVOICE_FILE_BYTES = 10 * 1024 * 1024;

const localDate = z.iso.date();
const fenAmount = z.int().min(0).max(MAX_FEN);
export const invoiceInput = z.object({
  invoiceNumber: z.string().trim().max(20).describe('发票号码: 20 digits (全电发票) or 8'),
  invoiceDate: localDate.describe('开票日期'),
  sellerCreditCode: z.string().trim().length(18).describe("销售方统一社会信用代码: the contract supplier's"),
  buyerCreditCode: z.string().trim().length(18).describe("购买方统一社会信用代码: the contract purchaser's"),
  amountBeforeTaxFen: fenAmount.describe('金额（不含税）, fen'),
  taxFen: fenAmount.describe('税额, fen'),
  totalFen: z.int().min(1).max(MAX_FEN).describe('价税合计, fen = before tax + tax'),
  invoiceFile: z.object({
    fileName: z.string().trim().min(1).max(200),
    contentBase64: z.base64().max(Math.ceil(MAX_INVOICE_FILE_BYTES / 3) * 4).describe('The invoice file as issued: PDF or OFD, base64'),
  }),
  payee: z.object({
    accountName: z.string().trim().min(1).max(200).describe('收款户名: the supplier'),
    bankName: z.string().trim().min(2).max(200).describe('开户银行'),
    accountNumber: z.string().regex(/^[0-9]{8,32}$/).describe('收款账号'),
  }),
});
export const applicationInput = invoiceInput.extend({ milestoneNo: z.int().min(1).max(INT4_MAX) });

export const decisionInput = z.object({
  revision: z.int().min(1).max(INT4_MAX).describe('The revision you read; a stale one gets 409'),
  reason: z.string().trim().max(2000).optional().describe('Required when rejecting or returning'),
  voucherNumber: z.string().trim().regex(/^[0-9A-Za-z-]{4,40}$/).optional().describe('国库支付凭证号 (treasury payment)'),
  paidOn: localDate.optional().describe('支付日期 (treasury payment)'),
});

const problem = (p: Problem, ruleId?: string) => new DomainError('PAYMENT_APPLICATION', p.messages, 422, { field: p.field }, ruleId);

/** The contract, locked, if the actor is its supplier; what it may be paid for. */
async function loadContractForSupplier(tx: Db, actor: Actor, contractId: string) {
  const [c] = await tx.select().from(contract).where(eq(contract.id, contractId)).for('update');
  if (!c) throw notFound(bilingual('合同', 'Contract'));
  if (!(actor.roles.includes('supplier') && actor.entityId === c.supplierEntityId)) throw hiddenRow('contract', contractId, bilingual('合同', 'Contract'));
  if (c.status !== 'signed' && c.status !== 'completed') throw conflict('CONTRACT_NOT_IN_FORCE', bilingual('合同签订后方可申请支付', 'Payment applications need a signed contract'));
  return c;
}

/** Checks an invoice against the contract and what the milestone has left; returns what to store. */
async function checkedInvoice(ctx: Context, tx: Db, c: typeof contract.$inferSelect, milestoneNo: number, input: z.infer<typeof invoiceInput>, excludeApplicationId: string | null) {
  const milestone = c.milestones.find((m) => m.no === milestoneNo);
  if (!milestone) throw notFound(bilingual('履约节点', 'Milestone'));
  const verdicts = await tx.select().from(acceptance).where(and(eq(acceptance.contractId, c.id), eq(acceptance.milestoneNo, milestoneNo))).orderBy(asc(acceptance.recordedAt));
  const latest = verdicts.at(-1);
  // Acceptance gates payment (seed 004): the payable amount comes from the latest verdict.
  if (!latest || latest.payableFen <= 0)
    throw conflict('MILESTONE_NOT_ACCEPTED', bilingual(`第${milestoneNo}期尚未验收合格，不能申请支付`, `Milestone ${milestoneNo} has not passed acceptance; it cannot be paid yet`));
  // What the other applications of the milestone claim, summed by the database (a contract may be invoiced many times).
  const [claimed] = await tx
    .select({ totalFen: sum(paymentApplication.totalFen) })
    .from(paymentApplication)
    .where(
      and(
        eq(paymentApplication.contractId, c.id),
        eq(paymentApplication.milestoneNo, milestoneNo),
        inArray(paymentApplication.status, [...CLAIMING_STATUSES]),
        excludeApplicationId ? ne(paymentApplication.id, excludeApplicationId) : undefined,
      ),
    );
  const parties = await entitySummaries(tx, [c.supplierEntityId, c.purchaserEntityId]);
  const supplier = parties.get(c.supplierEntityId)!;
  const today = shanghaiDate(ctx.platform.clock.now());
  const problems = invoiceProblems(input, {
    supplierCreditCode: supplier.creditCode,
    purchaserCreditCode: parties.get(c.purchaserEntityId)!.creditCode,
    signedOn: shanghaiDate(c.signedAt ?? c.draftedAt),
    today,
    availableFen: availableFen(latest.payableFen, [{ totalFen: Number(claimed?.totalFen ?? 0) }]),
  });
  if (problems.length) throw problem(problems[0]!);
  // Government money goes to the contracting supplier's own account; on a financed contract, to the one agreed with the bank.
  const payee = payeeProblem(input.payee, { supplierName: supplier.name, agreed: await agreedRepaymentAccount(tx, c.id) });
  if (payee) throw problem(payee);
  const content = Buffer.from(input.invoiceFile.contentBase64, 'base64');
  const kind = invoiceFileKind(content);
  if (content.length === 0 || content.length > MAX_INVOICE_FILE_BYTES) throw problem({ field: 'invoiceFile', messages: bilingual('发票文件为空或超过10MB', 'The invoice file is empty or larger than 10 MB') });
  if (!kind) throw problem({ field: 'invoiceFile', messages: bilingual('发票文件须为PDF或OFD格式', 'The invoice file must be a PDF or an OFD') });
  const users = await tx
    .select({ id: paymentApplication.id })
    .from(paymentApplication)
    .where(and(eq(paymentApplication.invoiceNumber, input.invoiceNumber), inArray(paymentApplication.status, [...CLAIMING_STATUSES])));
  if (users.some((u) => u.id !== excludeApplicationId)) throw invoiceUsed();
  const blob = await ctx.platform.blobs.put(content);
  return {
    fields: {
      invoiceNumber: input.invoiceNumber,
      invoiceDate: input.invoiceDate,
      sellerCreditCode: input.sellerCreditCode,
      buyerCreditCode: input.buyerCreditCode,
      amountBeforeTaxFen: input.amountBeforeTaxFen,
      taxFen: input.taxFen,
      totalFen: input.totalFen,
      invoiceFileSha256: blob.sha256,
      invoiceFileName: input.invoiceFile.fileName,
      invoiceFileKind: kind,
      payeeAccountName: input.payee.accountName,
      payeeBankName: input.payee.bankName,
      payeeAccountNumber: input.payee.accountNumber,
    },
    acceptedOn: shanghaiDate(latest.recordedAt),
    sme: Boolean(supplier.smeSize),
  };
}

const invoiceUsed = () => conflict('INVOICE_ALREADY_USED', bilingual('该发票号码已用于其他支付申请，一张发票只能申请一次', 'This invoice number is already on another payment application; an invoice is used once'), { field: 'invoiceNumber' });
const INVOICE_ONCE = 'payment_application_invoice_once';

/** Step 3: the supplier files a payment application against an accepted milestone, with its e-invoice. */
export async function fileApplication(ctx: Context, contractId: string, input: z.infer<typeof applicationInput>) {
  const actor = ctx.actor!;
  try {
    return await inTransaction(ctx, async (tx, audit) => {
      const c = await loadContractForSupplier(tx, actor, contractId);
      const { fields, acceptedOn, sme } = await checkedInvoice(ctx, tx, c, input.milestoneNo, input, null);
      const now = ctx.platform.clock.now();
      const [{ n }] = (await tx.select({ n: count() }).from(paymentApplication).where(eq(paymentApplication.contractId, contractId))) as [{ n: number }];
      const row: typeof paymentApplication.$inferInsert = {
        id: randomUUID(),
        applicationNumber: `${c.contractNumber}-ZF${Number(n) + 1}`,
        contractId,
        projectId: c.projectId,
        milestoneNo: input.milestoneNo,
        regionCode: c.regionCode,
        purchaserEntityId: c.purchaserEntityId,
        supplierEntityId: c.supplierEntityId,
        status: 'submitted',
        ...fields,
        sme,
        periodStartsOn: acceptedOn,
        dueOn: paymentDueOn(acceptedOn, c.paymentTermDays),
        filedAt: now,
        filedBy: actor.personId,
        waitingSince: now,
      };
      const [saved] = await tx.insert(paymentApplication).values(row).returning();
      await recordStep(tx, saved!, { action: 'file', from: null, actor, reason: null, detail: invoiceDetail(saved!), at: now });
      await notify(tx, now, [toPurchaser(saved!, bilingual(`${saved!.applicationNumber} 待审核支付申请`, `${saved!.applicationNumber}: a payment application awaits your review`), bilingual(`${c.title}第${input.milestoneNo}期，申请金额${formatYuan(saved!.totalFen)}元。`, `${c.title}, milestone ${input.milestoneNo}: ${formatYuan(saved!.totalFen)} yuan.`))]);
      audit.record({ action: 'payment.file', subjectType: 'paymentApplication', subjectId: saved!.id, regionCode: c.regionCode, projectId: c.projectId, after: { applicationNumber: saved!.applicationNumber, contractId, milestoneNo: input.milestoneNo, status: 'submitted', ...invoiceDetail(saved!) } });
      return applicationDetail(tx, ctx, saved!);
    });
  } catch (error) {
    // Two filings of one invoice at once: the unique index keeps one.
    if (violates(error, INVOICE_ONCE)) throw invoiceUsed();
    throw error;
  }
}

const invoiceDetail = (a: ApplicationRow) => ({
  invoiceNumber: a.invoiceNumber,
  invoiceDate: a.invoiceDate,
  amountBeforeTaxFen: a.amountBeforeTaxFen,
  taxFen: a.taxFen,
  totalFen: a.totalFen,
  invoiceFileSha256: a.invoiceFileSha256,
  payeeAccountNumber: a.payeeAccountNumber,
});

/** The rejected application, corrected by its supplier, goes back to the purchaser (a new invoice may replace the old). */
export async function resubmitApplication(ctx: Context, id: string, input: z.infer<typeof invoiceInput> & { revision: number }) {
  const actor = ctx.actor!;
  try {
    return await inTransaction(ctx, async (tx, audit) => {
      const a = await lockApplication(tx, actor, id);
      const t = allowedTransition(actor, a, 'resubmit');
      if (a.revision !== input.revision) throw staleRevision();
      const c = await loadContractForSupplier(tx, actor, a.contractId);
      const { fields } = await checkedInvoice(ctx, tx, c, a.milestoneNo, input, a.id);
      const now = ctx.platform.clock.now();
      const [saved] = await tx
        .update(paymentApplication)
        .set({ ...fields, status: t.to, waitingSince: now, revision: a.revision + 1 })
        .where(and(eq(paymentApplication.id, id), eq(paymentApplication.revision, a.revision)))
        .returning();
      await recordStep(tx, saved!, { action: 'resubmit', from: a.status, actor, reason: null, detail: invoiceDetail(saved!), at: now });
      await notify(tx, now, [toPurchaser(saved!, bilingual(`${saved!.applicationNumber} 供应商已修改并重新提交`, `${saved!.applicationNumber}: the supplier corrected and refiled it`), bilingual(`申请金额${formatYuan(saved!.totalFen)}元，请审核。`, `${formatYuan(saved!.totalFen)} yuan; please review.`))]);
      audit.record({ action: 'payment.resubmit', subjectType: 'paymentApplication', subjectId: id, regionCode: a.regionCode, projectId: a.projectId, before: { status: a.status, ...invoiceDetail(a) }, after: { status: t.to, ...invoiceDetail(saved!) } });
      return applicationDetail(tx, ctx, saved!);
    });
  } catch (error) {
    if (violates(error, INVOICE_ONCE)) throw invoiceUsed();
    throw error;
  }
}

/** Which desk the actor sits at for this application, if any. */
export function deskOf(actor: Actor | null, a: Pick<ApplicationRow, 'supplierEntityId' | 'purchaserEntityId' | 'regionCode'>): PaymentDesk | 'supervisor' | null {
  if (!actor) return null;
  if (actor.roles.includes('supplier') && actor.entityId === a.supplierEntityId) return 'supplier';
  if (actor.roles.includes('purchaser') && actor.entityId === a.purchaserEntityId) return 'purchaser';
  const inRegionOf = regionCovers(actor.regionCode, a.regionCode);
  if (inRegionOf && actor.roles.includes('authority')) return 'authority';
  if (inRegionOf && actor.roles.includes('treasury')) return 'treasury';
  if (inRegionOf && actor.roles.includes('supervisor')) return 'supervisor';
  return null;
}

async function lockApplication(tx: Db, actor: Actor, id: string) {
  const [a] = await tx.select().from(paymentApplication).where(eq(paymentApplication.id, id)).for('update');
  if (!a || !deskOf(actor, a)) throw hiddenRow('paymentApplication', id, bilingual('支付申请', 'Payment application'));
  return a;
}

function allowedTransition(actor: Actor, a: ApplicationRow, action: PaymentAction) {
  const desk = deskOf(actor, a);
  const t = paymentTransition(a.status, action);
  if (desk !== PAYMENT_TRANSITIONS[action].by) throw deny('paymentApplication', a.id, action);
  if (!t) throw conflict('PAYMENT_NOT_AT_YOUR_DESK', bilingual(`该申请当前状态为“${STATUS_NAMES[a.status]['zh-CN']}”，不能执行此操作`, `The application is “${STATUS_NAMES[a.status]['en-US']}”; this action is not possible now`), { status: a.status });
  return t;
}

/**
 * Steps 4–6: the purchaser, the industry authority and the treasury approve, reject, return or pay.
 * The row is locked and its revision checked, so of two concurrent decisions one wins and the
 * other is told the application moved on (409). The treasury's payment posts to the ledger in
 * the same transaction.
 */
export async function decideApplication(ctx: Context, treasury: TreasuryAdapter, id: string, action: Exclude<PaymentAction, 'resubmit'>, input: z.infer<typeof decisionInput>) {
  const actor = ctx.actor!;
  if (action === 'treasuryPay') {
    // The treasury's and the contract's accounts exist before the payment posts to them (idempotent).
    const [a] = await ctx.platform.database.db.select().from(paymentApplication).where(eq(paymentApplication.id, id));
    if (a && deskOf(actor, a) === 'treasury') await openPaymentAccounts(ctx, a);
  }
  return inTransaction(ctx, async (tx, audit) => {
    const a = await lockApplication(tx, actor, id);
    const t = allowedTransition(actor, a, action);
    if (a.revision !== input.revision) throw staleRevision();
    const reason = input.reason?.trim() || null;
    if (t.needsReason && (!reason || reason.length < 2)) throw problem({ field: 'reason', messages: bilingual('退回或驳回时须写明理由', 'A rejection or return needs its reason') });
    const now = ctx.platform.clock.now();
    const today = shanghaiDate(now);
    const update: Partial<ApplicationRow> = { status: t.to, waitingSince: now, revision: a.revision + 1 };
    let detail: Record<string, unknown> | null = null;
    if (action === 'treasuryPay') {
      if (!input.voucherNumber) throw problem({ field: 'voucherNumber', messages: bilingual('请填写国库支付凭证号', 'Enter the treasury payment voucher number') });
      const paidOn = input.paidOn ?? today;
      if (!isLocalDate(paidOn) || paidOn > today || paidOn < shanghaiDate(a.waitingSince))
        throw problem({ field: 'paidOn', messages: bilingual('支付日期应在主管部门审核通过之后、不晚于今天', 'The payment date lies between the authority’s approval and today') });
      const entry = await insertJournalEntry(tx, audit, ctx, {
        kind: 'supplierPayment',
        idempotencyKey: `supplierPayment:${a.id}`,
        memo: `${a.applicationNumber} 国库支付 ${input.voucherNumber}`,
        regionCode: a.regionCode,
        projectId: a.projectId,
        postings: [
          { accountCode: accountCode({ kind: 'supplierPayable', regionCode: a.regionCode, contractId: a.contractId, supplierEntityId: a.supplierEntityId }), amountFen: BigInt(a.totalFen) },
          { accountCode: accountCode({ kind: 'treasury', regionCode: a.regionCode }), amountFen: -BigInt(a.totalFen) },
        ],
      });
      Object.assign(update, { voucherNumber: input.voucherNumber, paidOn, journalEntryId: entry.id });
      detail = { voucherNumber: input.voucherNumber, paidOn, journalEntryId: entry.id, entryNo: entry.entryNo };
    }
    const [saved] = await tx.update(paymentApplication).set(update).where(eq(paymentApplication.id, id)).returning();
    await recordStep(tx, saved!, { action, from: a.status, actor, reason, detail, at: now });
    await notify(tx, now, await messagesAfter(tx, saved!, action, reason));
    if (action === 'authorityApprove') await treasury.paymentOrdered(tx, now, saved!);
    audit.record({ action: `payment.${action}`, subjectType: 'paymentApplication', subjectId: id, regionCode: a.regionCode, projectId: a.projectId, before: { status: a.status }, after: { status: t.to, reason, ...(detail ?? {}) } });
    return applicationDetail(tx, ctx, saved!);
  });
}

async function openPaymentAccounts(ctx: Context, a: ApplicationRow) {
  await openLedgerAccount(ctx, { kind: 'treasury', regionCode: a.regionCode });
  await openLedgerAccount(ctx, { kind: 'supplierPayable', regionCode: a.regionCode, contractId: a.contractId, supplierEntityId: a.supplierEntityId }, { projectId: a.projectId });
}

const toPurchaser = (a: ApplicationRow, title: Bilingual, body: Bilingual): Message => ({ to: { entityId: a.purchaserEntityId, role: 'purchaser' }, title, body, link: `/workspace/payments/${a.id}`, subject: { type: 'paymentApplication', id: a.id } });
const toSupplier = (a: ApplicationRow, title: Bilingual, body: Bilingual): Message => ({ to: { entityId: a.supplierEntityId, role: 'supplier' }, title, body, link: `/workspace/payments/${a.id}`, subject: { type: 'paymentApplication', id: a.id } });

/** Who hears of a decision: the desk it now waits at, and the supplier whenever its money moves or stops. */
async function messagesAfter(tx: Db, a: ApplicationRow, action: PaymentAction, reason: string | null): Promise<Message[]> {
  const no = a.applicationNumber;
  const why = reason ? bilingual(`理由：${reason}`, `Reason: ${reason}`) : bilingual('—', '—');
  const toDesks = async (kind: 'authority', title: Bilingual, body: Bilingual) =>
    (await governmentDesks(tx, kind, a.regionCode)).map((to): Message => ({ to, title, body, link: `/workspace/payments/${a.id}`, subject: { type: 'paymentApplication', id: a.id } }));
  switch (action) {
    case 'purchaserApprove':
      return [
        ...(await toDesks('authority', bilingual(`${no} 待主管部门审核`, `${no}: awaiting the authority's review`), bilingual(`采购人已审核通过，金额${formatYuan(a.totalFen)}元。`, `The purchaser approved ${formatYuan(a.totalFen)} yuan.`))),
        toSupplier(a, bilingual(`${no} 采购人已审核通过`, `${no}: the purchaser approved it`), bilingual('已提交主管部门审核。', 'It is now with the industry authority.')),
      ];
    case 'purchaserReject':
      return [toSupplier(a, bilingual(`${no} 采购人退回支付申请`, `${no}: the purchaser rejected your application`), why)];
    case 'authorityApprove':
      return [toSupplier(a, bilingual(`${no} 主管部门已审核通过`, `${no}: the authority approved it`), bilingual('已提交国库支付。', 'It is now with the treasury for payment.'))];
    case 'authorityReturn':
      return [
        toPurchaser(a, bilingual(`${no} 主管部门退回支付申请`, `${no}: the authority returned the application`), why),
        toSupplier(a, bilingual(`${no} 主管部门已退回采购人`, `${no}: the authority returned it to the purchaser`), why),
      ];
    case 'treasuryReturn':
      return toDesks('authority', bilingual(`${no} 国库退回支付申请`, `${no}: the treasury returned the application`), why);
    case 'treasuryPay':
      return [
        toSupplier(a, bilingual(`${no} 已支付`, `${no}: paid`), bilingual(`国库已支付${formatYuan(a.totalFen)}元（凭证号${a.voucherNumber}，${a.paidOn}）。`, `The treasury paid ${formatYuan(a.totalFen)} yuan (voucher ${a.voucherNumber}, ${a.paidOn}).`)),
        toPurchaser(a, bilingual(`${no} 已支付`, `${no}: paid`), bilingual(`国库已支付${formatYuan(a.totalFen)}元。`, `The treasury paid ${formatYuan(a.totalFen)} yuan.`)),
      ];
    case 'withdraw':
      return [toPurchaser(a, bilingual(`${no} 供应商已撤回支付申请`, `${no}: the supplier withdrew the application`), bilingual('—', '—'))];
    case 'resubmit':
      return [];
  }
}

async function recordStep(tx: Db, a: ApplicationRow, s: { action: PaymentAction | 'file'; from: PaymentStatus | null; actor: Actor; reason: string | null; detail: Record<string, unknown> | null; at: Date }) {
  const [{ n }] = (await tx.select({ n: count() }).from(paymentStep).where(eq(paymentStep.applicationId, a.id))) as [{ n: number }];
  await tx.insert(paymentStep).values({
    applicationId: a.id,
    stepNo: Number(n) + 1,
    action: s.action,
    fromStatus: s.from,
    toStatus: a.status,
    personId: s.actor.personId,
    entityId: s.actor.entityId,
    role: s.actor.actingRole ?? s.actor.roles[0]!,
    reason: s.reason,
    detail: s.detail,
    at: s.at,
  });
}

/** Days left until the due date (negative when overdue) and, for an SME, the interest accrued (PAY-04). */
function timing(a: ApplicationRow, today: LocalDate) {
  const settled = a.status === 'paid' ? a.paidOn! : today;
  const { daysLate, interestFen } = lateInterestFen(a.totalFen, a.dueOn, settled);
  return {
    dueOn: a.dueOn,
    daysLeft: OPEN_STATUSES.includes(a.status) ? daysBetween(today, a.dueOn) : null,
    daysLate,
    lateInterestFen: a.sme ? interestFen : 0,
  };
}

/** An application as its parties and desks see it. */
export function applicationView(a: ApplicationRow, names: Map<string, { name: string }>, today: string, actor: Actor | null) {
  const desk = deskOf(actor, a);
  const waitingAt = DESK_OF[a.status];
  return {
    id: a.id,
    applicationNumber: a.applicationNumber,
    contractId: a.contractId,
    milestoneNo: a.milestoneNo,
    status: a.status,
    statusName: STATUS_NAMES[a.status],
    step: currentStep(a.status),
    waitingAt,
    daysWaiting: waitingAt ? daysBetween(shanghaiDate(a.waitingSince), today) : null,
    waitingSince: a.waitingSince.toISOString(),
    purchaserName: names.get(a.purchaserEntityId)?.name ?? '',
    supplierName: names.get(a.supplierEntityId)?.name ?? '',
    invoice: { invoiceNumber: a.invoiceNumber, invoiceDate: a.invoiceDate, sellerCreditCode: a.sellerCreditCode, buyerCreditCode: a.buyerCreditCode, amountBeforeTaxFen: a.amountBeforeTaxFen, taxFen: a.taxFen, totalFen: a.totalFen, fileName: a.invoiceFileName, fileKind: a.invoiceFileKind },
    payee: { accountName: a.payeeAccountName, bankName: a.payeeBankName, accountNumber: a.payeeAccountNumber },
    sme: a.sme,
    periodStartsOn: a.periodStartsOn,
    ...timing(a, today),
    filedAt: a.filedAt.toISOString(),
    voucherNumber: a.voucherNumber,
    paidOn: a.paidOn,
    revision: a.revision,
    actions: desk && desk !== 'supervisor' ? actionsFor(a.status, desk) : [],
  };
}

async function applicationDetail(db: Db, ctx: Context, a: ApplicationRow) {
  const steps = await db.select().from(paymentStep).where(eq(paymentStep.applicationId, a.id)).orderBy(asc(paymentStep.stepNo));
  const names = await entitySummaries(db, [a.purchaserEntityId, a.supplierEntityId, ...steps.map((s) => s.entityId)]);
  const people = steps.length ? await db.select({ id: person.id, name: person.displayName }).from(person).where(inArray(person.id, [...new Set(steps.map((s) => s.personId))])) : [];
  const [c] = await db.select({ contractNumber: contract.contractNumber, title: contract.title, milestones: contract.milestones }).from(contract).where(eq(contract.id, a.contractId));
  return {
    ...applicationView(a, names, shanghaiDate(ctx.platform.clock.now()), ctx.actor),
    contractNumber: c!.contractNumber,
    contractTitle: c!.title,
    milestoneName: c!.milestones.find((m) => m.no === a.milestoneNo)?.name ?? '',
    history: steps.map((s) => ({
      stepNo: s.stepNo,
      action: s.action,
      fromStatus: s.fromStatus,
      toStatus: s.toStatus,
      personName: people.find((p) => p.id === s.personId)?.name ?? '',
      entityName: names.get(s.entityId)?.name ?? '',
      role: s.role,
      reason: s.reason,
      detail: s.detail,
      at: s.at.toISOString(),
    })),
  };
}

export async function readApplication(ctx: Context, id: string) {
  const db = ctx.platform.database.db;
  const [a] = await db.select().from(paymentApplication).where(eq(paymentApplication.id, id));
  if (!a || !deskOf(ctx.actor, a)) throw hiddenRow('paymentApplication', id, bilingual('支付申请', 'Payment application'));
  return applicationDetail(db, ctx, a);
}

export async function invoiceFile(ctx: Context, id: string) {
  const db = ctx.platform.database.db;
  const [a] = await db.select().from(paymentApplication).where(eq(paymentApplication.id, id));
  if (!a || !deskOf(ctx.actor, a)) throw hiddenRow('paymentApplication', id, bilingual('支付申请', 'Payment application'));
  return { name: a.invoiceFileName, kind: a.invoiceFileKind, content: await ctx.platform.blobs.read(a.invoiceFileSha256) };
}

/** The rows an actor may see: its own entity's as supplier or purchaser, its region's as authority, treasury or supervisor. */
function visibleTo(actor: Actor): SQL | undefined {
  const conditions: SQL[] = [];
  if (actor.roles.includes('supplier')) conditions.push(eq(paymentApplication.supplierEntityId, actor.entityId));
  if (actor.roles.includes('purchaser')) conditions.push(eq(paymentApplication.purchaserEntityId, actor.entityId));
  if (actor.roles.some((r) => r === 'authority' || r === 'treasury' || r === 'supervisor')) conditions.push(inRegion(paymentApplication.regionCode, actor.regionCode));
  return conditions.length ? or(...conditions) : undefined;
}

/**
 * Step 7: the applications an actor may follow, or (`queue`) those waiting at its desk, oldest
 * first with the days they have waited; for one contract when `contractId` is given.
 */
export async function listApplications(ctx: Context, options: { queue: boolean; contractId?: string | null }) {
  const actor = ctx.actor!;
  const db = ctx.platform.database.db;
  const visible = visibleTo(actor);
  if (!visible) return [];
  const rows = await db
    .select()
    .from(paymentApplication)
    .where(and(visible, options.contractId ? eq(paymentApplication.contractId, options.contractId) : undefined))
    .orderBy(options.queue ? asc(paymentApplication.waitingSince) : desc(paymentApplication.filedAt))
    .limit(500);
  const mine = options.queue ? rows.filter((a) => DESK_OF[a.status] !== null && DESK_OF[a.status] === deskOf(actor, a)) : rows;
  const names = await entitySummaries(db, mine.flatMap((a) => [a.purchaserEntityId, a.supplierEntityId]));
  const contracts = mine.length ? await db.select({ id: contract.id, contractNumber: contract.contractNumber, title: contract.title }).from(contract).where(inArray(contract.id, [...new Set(mine.map((a) => a.contractId))])) : [];
  const today = shanghaiDate(ctx.platform.clock.now());
  return mine.map((a) => {
    const c = contracts.find((x) => x.id === a.contractId)!;
    return { ...applicationView(a, names, today, actor), contractNumber: c.contractNumber, contractTitle: c.title };
  });
}

/**
 * PAY-01, PAY-04: SME payments past their due date, open or paid late, with the interest accrued,
 * for the supervisors and authorities of the region.
 */
export async function overduePayments(ctx: Context) {
  const actor = ctx.actor!;
  const db = ctx.platform.database.db;
  const today = shanghaiDate(ctx.platform.clock.now());
  const rows = await db
    .select()
    .from(paymentApplication)
    .where(and(inRegion(paymentApplication.regionCode, actor.regionCode), eq(paymentApplication.sme, true), inArray(paymentApplication.status, [...CLAIMING_STATUSES])))
    .orderBy(asc(paymentApplication.dueOn));
  const late = rows.filter((a) => (a.status === 'paid' ? a.paidOn! > a.dueOn : today > a.dueOn));
  const names = await entitySummaries(db, late.flatMap((a) => [a.purchaserEntityId, a.supplierEntityId]));
  const contracts = late.length ? await db.select({ id: contract.id, contractNumber: contract.contractNumber }).from(contract).where(inArray(contract.id, [...new Set(late.map((a) => a.contractId))])) : [];
  return late.map((a) => ({ ...applicationView(a, names, today, actor), contractNumber: contracts.find((c) => c.id === a.contractId)!.contractNumber }));
}
