import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import { entitySummaries } from '../../identity';
import { entity } from '../../identity/identity.schema';
import { addCalendarDays, shanghaiDate } from '../../platform/calendar/calendar';
import type { Context } from '../../platform/context';
import { violates, type Db } from '../../platform/database/database';
import { bilingual, DomainError, notFound } from '../../platform/errors';
import { notify } from '../../platform/notifications/notifications';
import { inTransaction } from '../../platform/unit-of-work';
import { hasDownloaded } from '../../trading/project/documents';
import { projectManagers, supplierDesk } from '../../trading/project/project.access';
import { bid, lot, opening, project } from '../../trading/trading.schema';
import { depositStatusesOfLot } from '../deposits/deposits';
import type { DepositStatus } from '../deposits/deposit.rules';
import { bidSecurityStatus, bidValidityEnd, checkCodeMatches, claimInTime, isGuaranteeNumber, MAX_GUARANTEE_VALIDITY_DAYS, newCheckCode, newGuaranteeNumber, type GuaranteeFact } from './guarantee.rules';
import { guarantee, guaranteeClaim } from './guarantees.schema';

/**
 * E-guarantees as bid security (GP-21, GP-27, PAY-06): a supplier applies to a registered issuer
 * for a guarantee on a lot, the issuer approves (number, check code) or declines, anyone verifies a
 * guarantee by its number and check code, the opening counts an approved one as security, and the
 * purchaser or agency claims against it once (索赔) when the deposit would be forfeited.
 *
 * Who applied tells who bids: the application's and the decision's audit entries are sealed
 * ('bidder', with the project) until the opening, and before it only the supplier and the issuer
 * read a guarantee (the row guard, guarantees.guards.ts).
 */

export type GuaranteeRow = typeof guarantee.$inferSelect;
export type ClaimRow = typeof guaranteeClaim.$inferSelect;

const sealedScope = (projectId: string) => ({ projectId, sealed: 'bidder' as const });

async function loadLot(db: Db, lotId: string) {
  const [row] = await db
    .select({
      lotId: lot.id,
      lotNo: lot.lotNo,
      lotTitle: lot.title,
      depositFen: lot.depositFen,
      projectId: project.id,
      projectNumber: project.projectNumber,
      projectTitle: project.title,
      purchaserEntityId: project.purchaserEntityId,
      regionCode: project.regionCode,
      status: project.status,
      deadline: project.deadline,
    })
    .from(lot)
    .innerJoin(project, eq(project.id, lot.projectId))
    .where(eq(lot.id, lotId));
  if (!row) throw notFound(bilingual('标项', 'Lot'));
  return row;
}
type LotFacts = Awaited<ReturnType<typeof loadLot>>;

async function openingStarted(db: Db, lotId: string) {
  const [row] = await db.select({ lotId: opening.lotId }).from(opening).where(eq(opening.lotId, lotId));
  return Boolean(row);
}

const fact = (g: GuaranteeRow): GuaranteeFact => ({ status: g.status, amountFen: g.amountFen, validFrom: g.validFrom, validUntil: g.validUntil, approvedAt: g.status === 'approved' ? g.decidedAt : null });

const claimView = (c: ClaimRow | undefined) =>
  c
    ? {
        id: c.id,
        amountFen: Number(c.amountFen),
        reason: c.reason,
        basis: c.basis,
        status: c.status,
        claimedAt: c.claimedAt.toISOString(),
        settledAt: c.settledAt?.toISOString() ?? null,
        settlementNote: c.settlementNote,
      }
    : null;

/** One guarantee as those who may read it see it; the check code only to its supplier and issuer. */
function guaranteeView(g: GuaranteeRow, names: Map<string, string>, l: Pick<LotFacts, 'projectNumber' | 'projectTitle' | 'lotNo'>, claim: ClaimRow | undefined, withCheckCode: boolean) {
  return {
    id: g.id,
    lotId: g.lotId,
    projectId: g.projectId,
    projectNumber: l.projectNumber,
    projectTitle: l.projectTitle,
    lotNo: l.lotNo,
    status: g.status,
    supplierName: names.get(g.supplierEntityId) ?? '',
    issuerEntityId: g.issuerEntityId,
    issuerName: names.get(g.issuerEntityId) ?? '',
    beneficiaryName: names.get(g.beneficiaryEntityId) ?? '',
    amountFen: Number(g.amountFen),
    validFrom: g.validFrom,
    validUntil: g.validUntil,
    appliedAt: g.appliedAt.toISOString(),
    decidedAt: g.decidedAt?.toISOString() ?? null,
    declineReason: g.declineReason,
    guaranteeNumber: g.guaranteeNumber,
    checkCode: withCheckCode ? g.checkCode : null,
    claim: claimView(claim),
  };
}

async function claimsOf(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, ClaimRow>();
  const rows = await db.select().from(guaranteeClaim).where(inArray(guaranteeClaim.guaranteeId, ids));
  return new Map(rows.map((c) => [c.guaranteeId, c]));
}

async function namesOf(db: Db, rows: GuaranteeRow[]) {
  return new Map([...(await entitySummaries(db, rows.flatMap((g) => [g.supplierEntityId, g.issuerEntityId, g.beneficiaryEntityId])))].map(([id, e]) => [id, e.name]));
}

// ---- Issuers -------------------------------------------------------------------------------------

/** The registered, active issuers a supplier may apply to. */
export async function listIssuers(db: Db) {
  return db.select({ id: entity.id, name: entity.name, regionCode: entity.regionCode }).from(entity).where(and(eq(entity.entityType, 'guarantor'), eq(entity.status, 'active'))).orderBy(asc(entity.name));
}

// ---- The supplier ---------------------------------------------------------------------------------

/** What a supplier needs to apply on a lot, and its own applications there (newest first). */
export async function myGuarantees(ctx: Context, lotId: string) {
  const db = ctx.platform.database.db;
  const l = await loadLot(db, lotId);
  const rows = await db
    .select()
    .from(guarantee)
    .where(and(eq(guarantee.lotId, lotId), eq(guarantee.supplierEntityId, ctx.actor!.entityId)))
    // The live one first, then the declined ones, newest first.
    .orderBy(sql`${guarantee.status} = 'declined'`, desc(guarantee.appliedAt));
  const [names, claims] = await Promise.all([namesOf(db, rows), claimsOf(db, rows.map((g) => g.id))]);
  const beneficiary = (await entitySummaries(db, [l.purchaserEntityId])).get(l.purchaserEntityId);
  return {
    lotId,
    requiredFen: l.depositFen,
    beneficiaryName: beneficiary?.name ?? '',
    deadline: l.deadline?.toISOString() ?? null,
    bidValidityEnd: l.deadline ? bidValidityEnd(l.deadline) : null,
    open: l.status === 'published' && l.deadline !== null && ctx.platform.clock.now() < l.deadline,
    issuers: await listIssuers(db),
    guarantees: rows.map((g) => guaranteeView(g, names, l, claims.get(g.id), true)),
  };
}

/**
 * A supplier that obtained the documents applies, before the deadline, for a guarantee on a lot
 * that requires a deposit: the amount is the lot's required deposit and the beneficiary its
 * purchaser (neither is the supplier's to choose); the validity it asks for must reach the last day
 * of the bid validity (WK-06). One live application per lot: another only after a decline.
 */
export async function applyForGuarantee(ctx: Context, lotId: string, input: { issuerEntityId: string; validUntil: string }) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const l = await loadLot(db, lotId);
  const now = ctx.platform.clock.now();
  if (l.depositFen <= 0) throw new DomainError('DEPOSIT_NOT_REQUIRED', bilingual('本标项不收取投标保证金，无需保函', 'This lot requires no bid deposit, so no guarantee'), 409);
  if (l.status !== 'published' || !l.deadline || now >= l.deadline)
    throw new DomainError('GUARANTEE_APPLICATION_CLOSED', bilingual('投标截止时间已过或项目未在招标中，不能再申请保函', 'The deadline has passed or the project is not open for bids: no guarantee can be applied for'), 409);
  if (!(await hasDownloaded(db, l.projectId, actor.entityId)))
    throw new DomainError('DOCUMENTS_NOT_OBTAINED', bilingual('请先获取采购文件，再申请投标保函', 'Obtain the procurement documents before applying for a guarantee'), 409);
  const issuer = (await entitySummaries(db, [input.issuerEntityId])).get(input.issuerEntityId);
  if (!issuer || issuer.entityType !== 'guarantor' || issuer.status !== 'active')
    throw new DomainError('GUARANTOR_UNKNOWN', bilingual('所选机构不是平台登记的保函开立机构', 'The chosen institution is not a guarantee issuer registered on the platform'), 422, { field: 'issuerEntityId' });
  const validityEnd = bidValidityEnd(l.deadline);
  if (input.validUntil < validityEnd)
    throw new DomainError('GUARANTEE_VALIDITY_TOO_SHORT', bilingual(`保函有效期须至少到投标有效期届满之日（${validityEnd}）`, `The guarantee must be valid at least until the bid validity ends (${validityEnd})`), 422, { field: 'validUntil', bidValidityEnd: validityEnd });
  const latest = addCalendarDays(shanghaiDate(l.deadline), MAX_GUARANTEE_VALIDITY_DAYS);
  if (input.validUntil > latest)
    throw new DomainError('GUARANTEE_VALIDITY_TOO_LONG', bilingual(`保函有效期不得晚于 ${latest}`, `The guarantee's validity may not end after ${latest}`), 422, { field: 'validUntil' });
  const live = await db
    .select({ id: guarantee.id })
    .from(guarantee)
    .where(and(eq(guarantee.lotId, lotId), eq(guarantee.supplierEntityId, actor.entityId), ne(guarantee.status, 'declined')));
  const already = () => new DomainError('GUARANTEE_ALREADY_APPLIED', bilingual('本标项已有待审核或已开立的保函申请', 'There is already a pending or approved guarantee for this lot'), 409, { guaranteeId: live[0]?.id ?? null });
  if (live.length) throw already();
  try {
    const row = await inTransaction(ctx, async (tx, audit) => {
      const [row] = await tx
        .insert(guarantee)
        .values({
          id: randomUUID(),
          lotId,
          projectId: l.projectId,
          regionCode: l.regionCode,
          supplierEntityId: actor.entityId,
          issuerEntityId: issuer.id,
          beneficiaryEntityId: l.purchaserEntityId,
          amountFen: BigInt(l.depositFen),
          validUntil: input.validUntil,
          status: 'applied',
          appliedAt: now,
          appliedBy: actor.personId,
        })
        .returning();
      audit.record({ action: 'guarantee.apply', subjectType: 'guarantee', subjectId: row!.id, regionCode: l.regionCode, ...sealedScope(l.projectId), after: { lotId, issuerEntityId: issuer.id, amountFen: String(l.depositFen), validUntil: input.validUntil } });
      // To the issuer's people only: the purchaser and agency are told nothing.
      await notify(tx, now, [
        {
          to: { entityId: issuer.id, role: 'guarantor' },
          title: bilingual(`新的投标保函申请：${l.projectNumber} 第${l.lotNo}包`, `New guarantee application: ${l.projectNumber}, lot ${l.lotNo}`),
          body: bilingual('请在投标截止时间前审核。', 'Decide on it before the bid deadline.'),
          link: '/workspace/guarantees',
          subject: { type: 'guarantee', id: row!.id },
        },
      ]);
      return row!;
    });
    const names = await namesOf(db, [row]);
    return guaranteeView(row, names, l, undefined, true);
  } catch (error) {
    if (violates(error, 'guarantee_one_live_per_supplier_lot')) throw already();
    throw error;
  }
}

// ---- The issuer -----------------------------------------------------------------------------------

/** The issuer's queue: every application made to it, pending first, with any claim. */
export async function issuerQueue(ctx: Context) {
  const db = ctx.platform.database.db;
  const rows = await db
    .select({ g: guarantee, projectNumber: project.projectNumber, projectTitle: project.title, lotNo: lot.lotNo, deadline: project.deadline })
    .from(guarantee)
    .innerJoin(lot, eq(lot.id, guarantee.lotId))
    .innerJoin(project, eq(project.id, guarantee.projectId))
    .where(eq(guarantee.issuerEntityId, ctx.actor!.entityId))
    .orderBy(desc(guarantee.appliedAt))
    .limit(500);
  const [names, claims] = await Promise.all([namesOf(db, rows.map((r) => r.g)), claimsOf(db, rows.map((r) => r.g.id))]);
  const order = { applied: 0, approved: 1, declined: 2 } as const;
  return rows
    .map((r) => ({ ...guaranteeView(r.g, names, r, claims.get(r.g.id), true), deadline: r.deadline?.toISOString() ?? null, bidValidityEnd: r.deadline ? bidValidityEnd(r.deadline) : null }))
    .sort((a, b) => order[a.status] - order[b.status] || (a.claim?.status === 'filed' ? -1 : 0) - (b.claim?.status === 'filed' ? -1 : 0));
}

async function loadGuarantee(db: Db, id: string) {
  const [row] = await db.select().from(guarantee).where(eq(guarantee.id, id));
  if (!row) throw notFound(bilingual('保函', 'Guarantee'));
  return row;
}

const alreadyDecided = () => new DomainError('GUARANTEE_ALREADY_DECIDED', bilingual('该保函申请已审核', 'This application has already been decided'), 409);

/**
 * The issuer approves: the guarantee gets its number and check code and is valid from today
 * through the day asked for. Only before the deadline: a guarantee issued later secures no bid.
 */
export async function approveGuarantee(ctx: Context, id: string) {
  const db = ctx.platform.database.db;
  const g = await loadGuarantee(db, id);
  const l = await loadLot(db, g.lotId);
  const now = ctx.platform.clock.now();
  if (g.status !== 'applied') throw alreadyDecided();
  if (!l.deadline || now >= l.deadline)
    throw new DomainError('GUARANTEE_DEADLINE_PASSED', bilingual('投标截止时间已过，此时开立的保函不能作为本项目的投标保证金', 'The bid deadline has passed: a guarantee issued now cannot secure a bid of this project'), 409);
  for (let attempt = 1; ; attempt++) {
    try {
      const row = await inTransaction(ctx, async (tx, audit) => {
        const [row] = await tx
          .update(guarantee)
          .set({ status: 'approved', decidedAt: now, decidedBy: ctx.actor!.personId, validFrom: shanghaiDate(now), guaranteeNumber: newGuaranteeNumber(shanghaiDate(now)), checkCode: newCheckCode() })
          .where(and(eq(guarantee.id, id), eq(guarantee.status, 'applied')))
          .returning();
        if (!row) throw alreadyDecided();
        // The check code stays out of the audit trail: with the number it is what verification asks for.
        audit.record({ action: 'guarantee.approve', subjectType: 'guarantee', subjectId: id, regionCode: g.regionCode, ...sealedScope(g.projectId), before: { status: 'applied' }, after: { status: 'approved', guaranteeNumber: row.guaranteeNumber, amountFen: String(row.amountFen), validFrom: row.validFrom, validUntil: row.validUntil } });
        await notify(tx, now, [
          {
            to: supplierDesk(g.supplierEntityId),
            title: bilingual(`投标保函已开立：${row.guaranteeNumber}`, `Guarantee issued: ${row.guaranteeNumber}`),
            body: bilingual(`${l.projectNumber} 第${l.lotNo}包的投标保函已开立。`, `The guarantee for ${l.projectNumber}, lot ${l.lotNo} has been issued.`),
            link: `/workspace/projects/${g.projectId}`,
            subject: { type: 'guarantee', id },
          },
        ]);
        return row;
      });
      return guaranteeView(row, await namesOf(db, [row]), l, undefined, true);
    } catch (error) {
      if (attempt < 3 && violates(error, 'guarantee_number_unique')) continue;
      throw error;
    }
  }
}

/** The issuer declines, with its reason; the supplier may then apply again (to it or another issuer). */
export async function declineGuarantee(ctx: Context, id: string, reason: string) {
  const db = ctx.platform.database.db;
  const g = await loadGuarantee(db, id);
  const l = await loadLot(db, g.lotId);
  if (g.status !== 'applied') throw alreadyDecided();
  const now = ctx.platform.clock.now();
  const row = await inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .update(guarantee)
      .set({ status: 'declined', decidedAt: now, decidedBy: ctx.actor!.personId, declineReason: reason })
      .where(and(eq(guarantee.id, id), eq(guarantee.status, 'applied')))
      .returning();
    if (!row) throw alreadyDecided();
    audit.record({ action: 'guarantee.decline', subjectType: 'guarantee', subjectId: id, regionCode: g.regionCode, ...sealedScope(g.projectId), before: { status: 'applied' }, after: { status: 'declined', reason } });
    await notify(tx, now, [
      {
        to: supplierDesk(g.supplierEntityId),
        title: bilingual(`投标保函申请未获通过：${l.projectNumber} 第${l.lotNo}包`, `Guarantee application declined: ${l.projectNumber}, lot ${l.lotNo}`),
        body: bilingual(`原因：${reason}`, `Reason: ${reason}`),
        link: `/workspace/projects/${g.projectId}`,
        subject: { type: 'guarantee', id },
      },
    ]);
    return row;
  });
  return guaranteeView(row, await namesOf(db, [row]), l, undefined, true);
}

// ---- Anyone: verification ----------------------------------------------------------------------------

const NOT_FOUND = () => new DomainError('GUARANTEE_NOT_FOUND', bilingual('未找到与该编号和校验码相符的保函', 'No guarantee matches this number and check code'), 404);

/**
 * Public verification (保函查验): the number and the check code give the guarantee's essentials.
 * A wrong number, a wrong code or a guarantee not (yet) approved all answer the same 404, so the
 * answer never tells which part was wrong. Not audited: an anonymous read must not grow the chain.
 */
export async function verifyGuarantee(ctx: Context, number: string, checkCode: string) {
  const db = ctx.platform.database.db;
  const wanted = number.trim().toUpperCase();
  const [row] = isGuaranteeNumber(wanted) ? await db.select().from(guarantee).where(eq(guarantee.guaranteeNumber, wanted)) : [];
  // Compared even without a row, so a wrong number takes as long as a wrong code.
  const matches = checkCodeMatches(row?.checkCode ?? '0000-0000-0000', checkCode);
  if (!row || row.status !== 'approved' || !matches) throw NOT_FOUND();
  const l = await loadLot(db, row.lotId);
  const names = await namesOf(db, [row]);
  const claim = (await claimsOf(db, [row.id])).get(row.id);
  const today = shanghaiDate(ctx.platform.clock.now());
  return {
    guaranteeNumber: row.guaranteeNumber!,
    state: claim?.status === 'paid' ? ('claimPaid' as const) : today > row.validUntil ? ('expired' as const) : ('valid' as const),
    issuerName: names.get(row.issuerEntityId) ?? '',
    beneficiaryName: names.get(row.beneficiaryEntityId) ?? '',
    applicantName: names.get(row.supplierEntityId) ?? '',
    amountFen: Number(row.amountFen),
    validFrom: row.validFrom!,
    validUntil: row.validUntil,
    issuedAt: row.decidedAt!.toISOString(),
    projectNumber: l.projectNumber,
    projectTitle: l.projectTitle,
    lotNo: l.lotNo,
  };
}

// ---- At the opening ----------------------------------------------------------------------------------

/**
 * Each supplier's security status on a lot (GP-21): its transfers (depositStatusesOfLot), and where
 * they do not secure the bid, any approved guarantee that does ('guaranteeValid'). Status and
 * amounts only: no issuer, no number, no payer.
 */
export async function securityStatusesOfLot(db: Db, lotRow: { id: string; depositFen: number }, deadline: Date, supplierEntityIds: string[]): Promise<Map<string, DepositStatus>> {
  const transfers = await depositStatusesOfLot(db, lotRow, deadline, supplierEntityIds);
  const suppliers = [...new Set(supplierEntityIds)];
  const rows = suppliers.length ? await db.select().from(guarantee).where(and(eq(guarantee.lotId, lotRow.id), eq(guarantee.status, 'approved'), inArray(guarantee.supplierEntityId, suppliers))) : [];
  const statuses = new Map<string, DepositStatus>();
  for (const [supplier, transfer] of transfers)
    statuses.set(
      supplier,
      bidSecurityStatus(
        transfer,
        rows.filter((g) => g.supplierEntityId === supplier).map(fact),
        deadline,
      ),
    );
  return statuses;
}

// ---- Those running the project, after the opening: guarantees and claims ------------------------------

/**
 * The approved guarantees of the lot's bids, for the purchaser and its agency (the beneficiary's
 * side): only once the opening has started, when who bid is no longer sealed.
 */
export async function lotGuarantees(ctx: Context, lotId: string) {
  const db = ctx.platform.database.db;
  const l = await loadLot(db, lotId);
  if (!(await openingStarted(db, lotId)))
    throw new DomainError('GUARANTEES_SEALED', bilingual('开标前不公开投标保函情况', 'Guarantees are not disclosed before the opening'), 409);
  const bidders = (await db.select({ supplierEntityId: bid.supplierEntityId }).from(bid).where(and(eq(bid.lotId, lotId), notInArray(bid.status, ['superseded', 'withdrawn'])))).map((b) => b.supplierEntityId);
  const rows = bidders.length
    ? await db
        .select()
        .from(guarantee)
        .where(and(eq(guarantee.lotId, lotId), eq(guarantee.status, 'approved'), inArray(guarantee.supplierEntityId, [...new Set(bidders)])))
        .orderBy(asc(guarantee.decidedAt))
    : [];
  const [names, claims] = await Promise.all([namesOf(db, rows), claimsOf(db, rows.map((g) => g.id))]);
  return rows.map((g) => guaranteeView(g, names, l, claims.get(g.id), false));
}

const alreadyClaimed = () => new DomainError('GUARANTEE_ALREADY_CLAIMED', bilingual('该保函已提出索赔，每份保函只能索赔一次', 'A claim has already been made on this guarantee; only one claim per guarantee'), 409);

/**
 * The purchaser or its agency claims against an approved guarantee of a bid of its lot, after the
 * opening and within the guarantee's validity, with its reason and basis: once per guarantee.
 * The amount is at most the guaranteed amount (the whole of it unless said otherwise).
 */
export async function fileClaim(ctx: Context, guaranteeId: string, input: { reason: string; basis: string; amountFen?: number | null }) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const g = await loadGuarantee(db, guaranteeId);
  const l = await loadLot(db, g.lotId);
  const now = ctx.platform.clock.now();
  if (g.status !== 'approved') throw new DomainError('GUARANTEE_NOT_ISSUED', bilingual('该保函未开立，不能索赔', 'This guarantee was not issued; no claim can be made'), 409);
  if (!(await openingStarted(db, g.lotId))) throw new DomainError('CLAIM_BEFORE_OPENING', bilingual('开标前不能对投标保函索赔', 'No claim can be made before the opening'), 409);
  const [bidOfLot] = await db.select({ id: bid.id }).from(bid).where(and(eq(bid.lotId, g.lotId), eq(bid.supplierEntityId, g.supplierEntityId), notInArray(bid.status, ['superseded', 'withdrawn']))).limit(1);
  if (!bidOfLot) throw new DomainError('GUARANTEE_NOT_OF_A_BID', bilingual('该保函的供应商未在本标项投标，不能索赔', 'The supplier of this guarantee has no bid in this lot; no claim can be made'), 409);
  if (!claimInTime(g.validUntil, now)) throw new DomainError('GUARANTEE_EXPIRED', bilingual(`保函已于 ${g.validUntil} 到期，不能再索赔`, `The guarantee expired on ${g.validUntil}; no claim can be made`), 409);
  const amount = input.amountFen == null ? g.amountFen : BigInt(input.amountFen);
  if (amount > g.amountFen)
    throw new DomainError('CLAIM_EXCEEDS_GUARANTEE', bilingual('索赔金额不能超过保函金额', 'The claim may not exceed the guaranteed amount'), 422, { field: 'amountFen' });
  if ((await claimsOf(db, [g.id])).has(g.id)) throw alreadyClaimed();
  try {
    const claim = await inTransaction(ctx, async (tx, audit) => {
      const [claim] = await tx
        .insert(guaranteeClaim)
        .values({ id: randomUUID(), guaranteeId: g.id, projectId: g.projectId, regionCode: g.regionCode, claimantEntityId: actor.entityId, claimedBy: actor.personId, claimedAt: now, amountFen: amount, reason: input.reason, basis: input.basis, status: 'filed' })
        .returning();
      audit.record({ action: 'guarantee.claim', subjectType: 'guarantee', subjectId: g.id, regionCode: g.regionCode, projectId: g.projectId, after: { claimId: claim!.id, guaranteeNumber: g.guaranteeNumber, amountFen: amount.toString(), reason: input.reason, basis: input.basis } });
      await notify(tx, now, [
        {
          to: { entityId: g.issuerEntityId, role: 'guarantor' },
          title: bilingual(`保函索赔：${g.guaranteeNumber}`, `Claim on guarantee ${g.guaranteeNumber}`),
          body: bilingual(`索赔理由：${input.reason}`, `Reason: ${input.reason}`),
          link: '/workspace/guarantees',
          subject: { type: 'guarantee', id: g.id },
        },
        { to: supplierDesk(g.supplierEntityId), title: bilingual(`保函 ${g.guaranteeNumber} 被提出索赔`, `A claim was made on guarantee ${g.guaranteeNumber}`), body: bilingual(`索赔理由：${input.reason}`, `Reason: ${input.reason}`), subject: { type: 'guarantee', id: g.id } },
      ]);
      return claim!;
    });
    return guaranteeView(g, await namesOf(db, [g]), l, claim, false);
  } catch (error) {
    if (violates(error, 'guarantee_claim_one_per_guarantee')) throw alreadyClaimed();
    throw error;
  }
}

/** The issuer records the claim's outcome, once: paid, or declined with its reason. */
export async function settleClaim(ctx: Context, guaranteeId: string, input: { outcome: 'paid' | 'declined'; note?: string | null }) {
  const db = ctx.platform.database.db;
  const g = await loadGuarantee(db, guaranteeId);
  const l = await loadLot(db, g.lotId);
  const claim = (await claimsOf(db, [g.id])).get(g.id);
  if (!claim) throw new DomainError('NO_CLAIM', bilingual('该保函没有待处理的索赔', 'There is no claim on this guarantee'), 409);
  const note = input.note?.trim() || null;
  if (input.outcome === 'declined' && !note) throw new DomainError('DECLINE_REASON_REQUIRED', bilingual('拒绝索赔须说明理由', 'State why the claim is declined'), 422, { field: 'note' });
  const settled = () => new DomainError('CLAIM_ALREADY_SETTLED', bilingual('该索赔已处理', 'This claim has already been settled'), 409);
  if (claim.status !== 'filed') throw settled();
  const now = ctx.platform.clock.now();
  const row = await inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .update(guaranteeClaim)
      .set({ status: input.outcome, settledAt: now, settledBy: ctx.actor!.personId, settlementNote: note })
      .where(and(eq(guaranteeClaim.id, claim.id), eq(guaranteeClaim.status, 'filed')))
      .returning();
    if (!row) throw settled();
    audit.record({ action: input.outcome === 'paid' ? 'guarantee.claim_paid' : 'guarantee.claim_declined', subjectType: 'guarantee', subjectId: g.id, regionCode: g.regionCode, projectId: g.projectId, before: { status: 'filed' }, after: { claimId: claim.id, status: input.outcome, note } });
    const p = await tx.select({ purchaserEntityId: project.purchaserEntityId, agencyEntityId: project.agencyEntityId }).from(project).where(eq(project.id, g.projectId));
    await notify(
      tx,
      now,
      projectManagers(p[0]!).map((to) => ({
        to,
        title: input.outcome === 'paid' ? bilingual(`保函 ${g.guaranteeNumber} 索赔已赔付`, `Claim on guarantee ${g.guaranteeNumber} paid`) : bilingual(`保函 ${g.guaranteeNumber} 索赔被拒绝`, `Claim on guarantee ${g.guaranteeNumber} declined`),
        body: note ? bilingual(`说明：${note}`, `Note: ${note}`) : bilingual('开立机构已赔付。', 'The issuer has paid.'),
        subject: { type: 'guarantee', id: g.id },
      })),
    );
    return row;
  });
  return guaranteeView(g, await namesOf(db, [g]), l, row, true);
}
