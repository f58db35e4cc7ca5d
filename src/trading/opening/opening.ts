import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { entityNames } from '../../identity';
import { appendAuditEntries, recordAuditEvent, type AuditRecord } from '../../platform/audit/audit-trail';
import { recordCheckpoint } from '../../platform/audit/checkpoints';
import { systemContext, type Context, type Platform } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { DomainError, bilingual, notFound } from '../../platform/errors';
import { renderPdf } from '../../platform/pdf';
import { enqueueJob, type JobHandler } from '../../platform/jobs/jobs';
import { MAX_FEN } from '../../platform/money';
import { notify } from '../../platform/notifications/notifications';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { WorkerPool } from '../../platform/workers/worker-pool';
import { statusView } from '../../money/deposits/deposits';
import { securityStatusesOfLot } from '../../money/guarantees/guarantees';
import { methodRules, minimumResponses } from '../methods/methods';
import { insertNotice } from '../notice/notices';
import { noticeContacts } from '../notice/publish-tender';
import { documentHtml, renderNotice } from '../notice/render';
import { findProjectRow, loadReadableProject, lotsOf, type LotRow, type ProjectRow } from '../project/project';
import { managesProject, supervisesProject, supplierDesk } from '../project/project.access';
import { bid, lot, opening, openingSignoff, project, type BidPart, type PlaintextPart } from '../trading.schema';
import { PRICE_SCHEDULE_PART } from '../bids/bid.rules';
import { REDFLAGS_LOT_JOB } from '../../supervision/redflags/redflags';
import { lotTransition } from '../project/project.states';
import { DECRYPTION_FAILURES } from './opening.states';
import type { OpenedPart, OpenPartTask } from './part-opener';

export const OPENING_CLOSE_JOB = 'opening.close';
export const OPENING_RECORD_JOB = 'opening.record';
export const OPENING_DOCUMENTS_JOB = 'opening.documents';

/** The price schedule (开标一览表) a bidder seals in its bid. */
export const priceScheduleSchema = z.object({
  lotId: z.uuid(),
  totalPriceFen: z.int().positive().max(MAX_FEN),
  totalPriceInWords: z.string().max(100).nullish(),
  deliveryPeriod: z.string().max(200),
  items: z
    .array(z.object({ name: z.string().max(200), brand: z.string().max(100).nullish(), model: z.string().max(100).nullish(), quantity: z.number().positive(), unitPriceFen: z.int().min(0), totalFen: z.int().min(0) }))
    .max(500)
    .default([]),
  deposit: z.object({ form: z.enum(['transfer', 'guarantee', 'exempt']), reference: z.string().max(100).nullish() }),
  remarks: z.string().max(1000).nullish(),
});
export type PriceSchedule = z.infer<typeof priceScheduleSchema>;

const liveBids = (tx: Db, lotId: string) => tx.select().from(bid).where(and(eq(bid.lotId, lotId), inArray(bid.status, ['submitted', 'decrypted'])));

/**
 * At the deadline (a durable job): every lot with enough bids starts its decryption window;
 * a lot of an open tender with fewer than three bids is not opened and fails (GP-33, GP-35).
 */
export function startOpeningHandler(platform: Platform): JobHandler {
  return async (payload, control) => {
    const ctx = systemContext(platform);
    const projectId = String(payload.projectId);
    const row = await findProjectRow(platform.database.db, projectId);
    if (!row || row.status !== 'published') return { skipped: row?.status ?? 'missing' };
    const now = platform.clock.now();
    if (now < row.deadline!) {
      control.reschedule(row.deadline!);
      return { rescheduled: row.deadline };
    }
    const minimum = minimumResponses(methodRules(row.method, row.category), row.twoSupplierException);
    return inTransaction(ctx, async (tx, audit) => {
      const lots = await lotsOf(tx, projectId);
      const outcome: Record<string, string> = {};
      const bidders = new Set<string>();
      for (const l of lots) {
        const bids = await liveBids(tx, l.id);
        bids.forEach((b) => bidders.add(b.supplierEntityId));
        if (bids.length < minimum.count) {
          const reason = `递交投标文件的供应商不足${minimum.count}家（${bids.length}家），不予开标，本标项废标`;
          await tx.update(lot).set({ status: lotTransition('failForTooFewBids', l.status) as never, failureRuleId: minimum.ruleId, failureReason: reason }).where(eq(lot.id, l.id));
          await tx.insert(opening).values({ lotId: l.id, projectId, status: 'failed', startedAt: now, closedAt: now, failureRuleId: minimum.ruleId, failureReason: reason });
          await insertNotice(tx, ctx, audit, {
            noticeType: 'failure',
            projectId,
            planId: row.planId,
            regionCode: row.regionCode,
            fields: { projectNumber: row.projectNumber, projectTitle: row.title, lotNo: l.lotNo, lotTitle: l.title, reason, ruleId: minimum.ruleId, ...(await noticeContacts(tx, row)) },
          });
          outcome[l.id] = 'failed';
        } else {
          const decryptionEndsAt = new Date(row.deadline!.getTime() + row.decryptionWindowMinutes * 60_000);
          await tx.update(lot).set({ status: lotTransition('startDecryption', l.status) as never }).where(eq(lot.id, l.id));
          await tx.insert(opening).values({ lotId: l.id, projectId, status: 'decrypting', startedAt: now, decryptionEndsAt });
          outcome[l.id] = 'decrypting';
        }
        audit.record({ action: `opening.${outcome[l.id] === 'failed' ? 'fail' : 'start'}`, subjectType: 'lot', subjectId: l.id, regionCode: row.regionCode, projectId: row.id, after: { status: outcome[l.id], bids: bids.length } });
      }
      const anyOpen = Object.values(outcome).includes('decrypting');
      await tx.update(project).set({ status: anyOpen ? 'opening' : 'failed', revision: row.revision + 1 }).where(eq(project.id, projectId));
      if (anyOpen)
        await enqueueJob(tx, now, { kind: OPENING_CLOSE_JOB, payload: { projectId }, runAt: new Date(row.deadline!.getTime() + row.decryptionWindowMinutes * 60_000), dedupeKey: `opening-close:${projectId}` });
      await notify(
        tx,
        now,
        [...bidders].map((entityId) => ({
          to: supplierDesk(entityId),
          title: anyOpen ? bilingual(`${row.projectNumber} 开标已开始`, `${row.projectNumber}: the opening has started`) : bilingual(`${row.projectNumber} 不予开标`, `${row.projectNumber}: not opened`),
          body: anyOpen
            ? bilingual(`请在${row.decryptionWindowMinutes}分钟内进入开标大厅解密投标文件。`, `Enter the opening hall and decrypt your bid within ${row.decryptionWindowMinutes} minutes.`)
            : bilingual('递交投标文件的供应商不足，本项目不予开标。', 'Too few suppliers submitted bids; the project is not opened.'),
          link: `/workspace/openings/${projectId}`,
          subject: { type: 'project', id: projectId },
        })),
      );
      audit.record({ action: 'project.opening_start', subjectType: 'project', subjectId: projectId, regionCode: row.regionCode, before: { status: 'published' }, after: { status: anyOpen ? 'opening' : 'failed', lots: outcome } });
      // Every receipt of the project is now in a signed, public checkpoint (after the project row's update, which waited for any bid still finalising).
      await recordCheckpoint(tx, platform, audit);
      return outcome;
    });
  };
}

/** One query: during an opening every bidder asks at once, and each query waits for a pooled connection. */
async function loadOpeningForLot(db: Db, lotId: string) {
  const [row] = await db
    .select({ lotRow: lot, openingRow: opening, projectRow: project })
    .from(lot)
    .innerJoin(project, eq(project.id, lot.projectId))
    .leftJoin(opening, eq(opening.lotId, lot.id))
    .where(eq(lot.id, lotId));
  if (!row) throw notFound(bilingual('标项', 'Lot'));
  return row;
}

/** Reading, hashing, decrypting and parsing PDFs happen on worker threads: the event loop keeps answering. */
const partOpener = new WorkerPool<OpenPartTask, OpenedPart>(new URL('./part-opener.ts', import.meta.url));

function openStoredPart(platform: Platform, part: BidPart, key: Buffer, wanted: Pick<OpenPartTask, 'returnPlaintext' | 'storePlaintext' | 'readMetadata'>): Promise<OpenedPart> {
  // A copy: a short Buffer views a shared pool, and a worker would receive the whole pool.
  return partOpener.run({ blobRoot: platform.config.dataDir, sha256: part.sha256, key: Uint8Array.from(key), iv: part.iv, ...wanted });
}

/**
 * The bidder unwraps its content key in its own browser and hands it over after the
 * deadline. The platform checks the stored ciphertext against the receipt, decrypts (the
 * AES-GCM tag proves nothing changed) and records the decision and the price schedule.
 *
 * Only that precedes the answer. The plaintext files are written, and the documents' metadata
 * read, by a job after it (OPENING_DOCUMENTS_JOB): writing each file durably before answering
 * cost more than the decryption itself. The job holds the content key sealed under the master
 * key, so a crash in between loses nothing; the plaintext hashes the decision records are what
 * the job must store. Readers of plaintextParts find the files once the job has run.
 */
export async function decryptBid(ctx: Context, lotId: string, bidId: string, contentKeyB64: string) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const { lotRow, openingRow, projectRow } = await loadOpeningForLot(db, lotId);
  const [row] = await db.select().from(bid).where(and(eq(bid.id, bidId), eq(bid.lotId, lotId), eq(bid.supplierEntityId, actor.entityId)));
  if (!row) throw notFound(bilingual('投标文件', 'Bid'));
  const now = ctx.platform.clock.now();
  if (!openingRow || openingRow.status !== 'decrypting' || now >= openingRow.decryptionEndsAt!)
    throw new DomainError('NOT_DECRYPTING', bilingual('当前不在解密时间内', 'The decryption window is not open'), 409);
  if (row.status !== 'submitted') throw new DomainError('BID_NOT_SEALED', bilingual('该投标文件已解密或已失效', 'This bid is already decrypted or no longer valid'), 409);
  const key = Buffer.from(contentKeyB64, 'base64');
  if (key.length !== 32) throw new DomainError('WRONG_KEY', bilingual('解密密钥格式错误', 'The content key must be 32 bytes'), 422);

  const opened = await Promise.all(row.parts.map((part) => openStoredPart(ctx.platform, part, key, { returnPlaintext: part.name === PRICE_SCHEDULE_PART, storePlaintext: false, readMetadata: false })));
  // The first part that does not open decides, as if the parts were opened in order.
  const failed = opened.findIndex((o) => o.outcome !== 'opened');
  if (failed >= 0 && opened[failed]!.outcome === 'storageMismatch') return settleBid(ctx, projectRow, lotRow, row, 'storageMismatch');
  if (failed >= 0) {
    await recordAuditEvent(ctx, { action: 'bid.decrypt_failed', subjectType: 'bid', subjectId: bidId, regionCode: projectRow.regionCode, projectId: projectRow.id, result: 'failure', detail: { part: row.parts[failed]!.name } });
    throw new DomainError('WRONG_KEY', bilingual('该密钥无法解密此投标文件，请确认使用的是投标时的密钥文件', 'This key does not decrypt the bid; use the key file the bid was sealed with'), 422);
  }
  const parts = opened as Extract<OpenedPart, { outcome: 'opened' }>[];

  let priceSchedule: PriceSchedule | null = null;
  let remark: string | null = null;
  const schedulePart = parts[row.parts.findIndex((p) => p.name === PRICE_SCHEDULE_PART)]!;
  const parsed = priceScheduleSchema.safeParse(JSON.parse(Buffer.from(schedulePart.plaintext!).toString('utf8') || 'null'));
  if (parsed.success && parsed.data.lotId === lotId) priceSchedule = parsed.data;
  else remark = '开标一览表格式不符或不属于本标项';
  const plaintextParts: PlaintextPart[] = parts.map((p, i) => ({ name: row.parts[i]!.name, sha256: p.sha256, size: p.size }));
  const answer = await inTransaction(ctx, async (tx, audit) => {
    const [updated] = await tx
      .update(bid)
      .set({ status: 'decrypted', decryptedAt: now, priceSchedule: (priceSchedule ?? null) as never, plaintextParts, statusReason: remark })
      .where(and(eq(bid.id, bidId), eq(bid.status, 'submitted')))
      .returning({ id: bid.id });
    if (!updated) throw new DomainError('BID_NOT_SEALED', bilingual('该投标文件已解密或已失效', 'This bid is already decrypted or no longer valid'), 409);
    await enqueueJob(tx, now, { kind: OPENING_DOCUMENTS_JOB, payload: { bidId, contentKey: ctx.platform.sealer.seal(contentKeyB64) }, runAt: now, dedupeKey: `opening-documents:${bidId}` });
    audit.record({ action: 'bid.decrypt', subjectType: 'bid', subjectId: bidId, regionCode: projectRow.regionCode, projectId: projectRow.id, after: { status: 'decrypted', plaintextParts, totalPriceFen: priceSchedule?.totalPriceFen ?? null } });
    return { bidId, status: 'decrypted' as const, totalPriceFen: priceSchedule?.totalPriceFen ?? null, remark };
  });
  await closeWhenSettled(ctx, projectRow, lotRow);
  return answer;
}

/**
 * After a decryption's answer: its plaintext files go into the blob store, and each document's
 * own metadata (RULES.md §4.3) into plaintextParts, for supervision to compare bidders' documents.
 */
export function storeBidDocumentsHandler(platform: Platform): JobHandler {
  return async (payload) => {
    const db = platform.database.db;
    const bidId = String(payload.bidId);
    const [row] = await db.select().from(bid).where(eq(bid.id, bidId));
    const recorded = row?.plaintextParts;
    if (!row || !recorded) throw new Error(`bid ${bidId} has no recorded decryption`);
    if (recorded.every((p) => p.metadata)) return { skipped: 'stored' };
    const key = Buffer.from(platform.sealer.unseal(String(payload.contentKey)), 'base64');
    const stored: PlaintextPart[] = [];
    for (const [i, part] of row.parts.entries()) {
      const opened = await openStoredPart(platform, part, key, { returnPlaintext: false, storePlaintext: true, readMetadata: part.name !== PRICE_SCHEDULE_PART });
      if (opened.outcome !== 'opened') throw new Error(`bid ${bidId}, part ${part.name}: ${opened.outcome} after its decryption was recorded`);
      if (opened.sha256 !== recorded[i]!.sha256) throw new Error(`bid ${bidId}, part ${part.name}: the plaintext differs from the one recorded`);
      stored.push({ ...recorded[i]!, metadata: opened.metadata ?? {} });
    }
    const projectRow = (await findProjectRow(db, row.projectId))!;
    await inTransaction(systemContext(platform), async (tx, audit) => {
      await tx.update(bid).set({ plaintextParts: stored }).where(eq(bid.id, bidId));
      audit.record({ action: 'bid.documents_stored', subjectType: 'bid', subjectId: bidId, regionCode: projectRow.regionCode, projectId: projectRow.id, after: { plaintextParts: stored } });
      // The lot's bids are compared again now that this one's documents can be (incremental red flags).
      await enqueueJob(tx, platform.clock.now(), { kind: REDFLAGS_LOT_JOB, payload: { lotId: row.lotId }, runAt: platform.clock.now(), dedupeKey: `redflags-lot:${bidId}` });
    });
    return { parts: stored.length };
  };
}

async function settleBid(ctx: Context, projectRow: ProjectRow, lotRow: LotRow, row: typeof bid.$inferSelect, failure: keyof typeof DECRYPTION_FAILURES) {
  const outcome = DECRYPTION_FAILURES[failure];
  const answer = await inTransaction(ctx, async (tx, audit) => {
    await tx.update(bid).set({ status: outcome.status, statusReason: outcome.reason }).where(eq(bid.id, row.id));
    audit.record({ action: `bid.${outcome.status}`, subjectType: 'bid', subjectId: row.id, regionCode: projectRow.regionCode, projectId: projectRow.id, before: { status: row.status }, after: { status: outcome.status, reason: outcome.reason }, detail: { ruleId: 'EB-06' } });
    return { bidId: row.id, status: outcome.status, totalPriceFen: null, remark: outcome.reason };
  });
  await closeWhenSettled(ctx, projectRow, lotRow);
  return answer;
}

const sealedBidLeft = async (db: Db, lotId: string) => (await db.select({ id: bid.id }).from(bid).where(and(eq(bid.lotId, lotId), eq(bid.status, 'submitted'))).limit(1)).length > 0;

/**
 * After a bid of the lot is settled and committed, the opening closes if no sealed bid is left.
 * Checked after the commit, so no decryption waits for another's: of the last two, committing
 * together, a check inside each transaction could still see the other's bid sealed and neither
 * would close the opening (found by bench:deadline on PostgreSQL); after both commits, the later
 * check sees both settled. Both may see it: closeIfComplete's lock makes one of them close, and
 * the other records nothing. A crash just before leaves the closing to the job at the window's end.
 */
async function closeWhenSettled(ctx: Context, projectRow: ProjectRow, lotRow: LotRow) {
  const db = ctx.platform.database.db;
  if (await sealedBidLeft(db, lotRow.id)) return;
  // Not inTransaction: the closer that loses the race writes nothing, hence records nothing.
  await db.transaction(async (tx) => {
    const records: AuditRecord[] = [];
    await closeIfComplete(tx, ctx, { record: (entry) => void records.push(entry) }, projectRow, lotRow);
    await appendAuditEntries(tx, ctx, records);
  });
}

/** When no sealed bid is left in a lot, its opening closes (once: under the lot's lock); when no lot is decrypting, the project is opened. */
async function closeIfComplete(tx: Db, ctx: Context, audit: AuditRecorder, projectRow: ProjectRow, lotRow: LotRow) {
  const [current] = await tx.select({ status: lot.status }).from(lot).where(eq(lot.id, lotRow.id)).for('update');
  if (current!.status !== 'decrypting' || (await sealedBidLeft(tx, lotRow.id))) return;
  const now = ctx.platform.clock.now();
  await tx.update(lot).set({ status: lotTransition('closeOpening', current!.status) as never }).where(eq(lot.id, lotRow.id));
  await tx.update(opening).set({ status: 'closed', closedAt: now }).where(eq(opening.lotId, lotRow.id));
  audit.record({ action: 'opening.close', subjectType: 'lot', subjectId: lotRow.id, regionCode: projectRow.regionCode, projectId: projectRow.id, after: { status: 'opened' } });
  // The same race one level up: two lots closing together must not each see the other still open.
  await tx.select({ id: project.id }).from(project).where(eq(project.id, projectRow.id)).for('update');
  const stillDecrypting = (await lotsOf(tx, projectRow.id)).some((l) => l.status === 'decrypting');
  if (!stillDecrypting) {
    await tx.update(project).set({ status: 'opened' }).where(eq(project.id, projectRow.id));
    audit.record({ action: 'project.opened', subjectType: 'project', subjectId: projectRow.id, regionCode: projectRow.regionCode, projectId: projectRow.id, after: { status: 'opened' } });
  }
}

/** At the end of the window: bids still sealed are revoked (the bidder's fault, EB-06); the others stand. */
export function closeOpeningHandler(platform: Platform): JobHandler {
  return async (payload) => {
    const ctx = systemContext(platform);
    const projectRow = await findProjectRow(platform.database.db, String(payload.projectId));
    if (!projectRow || projectRow.status !== 'opening') return { skipped: projectRow?.status };
    return inTransaction(ctx, async (tx, audit) => {
      let revoked = 0;
      for (const l of await lotsOf(tx, projectRow.id)) {
        if (l.status !== 'decrypting') continue;
        const sealed = await tx.select().from(bid).where(and(eq(bid.lotId, l.id), eq(bid.status, 'submitted')));
        for (const b of sealed) {
          const outcome = DECRYPTION_FAILURES.notDecryptedInTime;
          // Only if still sealed: a decryption begun just before the end may commit after the read above.
          const [changed] = await tx
            .update(bid)
            .set({ status: outcome.status, statusReason: outcome.reason })
            .where(and(eq(bid.id, b.id), eq(bid.status, 'submitted')))
            .returning({ id: bid.id });
          if (!changed) continue;
          audit.record({ action: 'bid.revoked', subjectType: 'bid', subjectId: b.id, regionCode: projectRow.regionCode, projectId: projectRow.id, before: { status: 'submitted' }, after: { status: outcome.status, reason: outcome.reason }, detail: { ruleId: 'EB-06' } });
          revoked++;
        }
        await closeIfComplete(tx, ctx, audit, projectRow, l);
      }
      audit.record({ action: 'opening.window_end', subjectType: 'project', subjectId: projectRow.id, regionCode: projectRow.regionCode, projectId: projectRow.id, detail: { revoked } });
      return { revoked };
    });
  };
}

/** Who may see the opening room: those running or supervising the project, and its bidders. */
async function mayAttend(ctx: Context, projectRow: ProjectRow, lotId: string): Promise<boolean> {
  if (managesProject(ctx.actor, projectRow) || supervisesProject(ctx.actor, projectRow)) return true;
  if (!ctx.actor?.roles.includes('supplier')) return false;
  const [own] = await ctx.platform.database.db.select({ id: bid.id }).from(bid).where(and(eq(bid.lotId, lotId), eq(bid.supplierEntityId, ctx.actor.entityId))).limit(1);
  return Boolean(own);
}

/**
 * 开标记录: per bidder its price, declared deposit and remarks, live for everyone in the room.
 * Each bid shows its deposit status from its sub-account or its e-guarantee (GP-21: paid in time,
 * guarantee valid, short, late, missing), never who paid it or issued the guarantee. Until the opening starts nobody learns who bid, how many or when (GP-07, EB-03): a bidder
 * sees its own bid only, everyone else an empty room. Prices appear only once every bid of
 * the lot is decrypted or settled (EB-05).
 */
export async function openingRecord(ctx: Context, lotId: string) {
  const db = ctx.platform.database.db;
  const { lotRow, openingRow, projectRow } = await loadOpeningForLot(db, lotId);
  await loadReadableProject(db, ctx.actor, projectRow.id);
  const closed = openingRow?.status === 'closed';
  const published = closed || openingRow?.status === 'failed';
  if (openingRow && !published && !(await mayAttend(ctx, projectRow, lotId))) throw notFound(bilingual('开标记录', 'Opening record'));
  const sealed = !openingRow;
  const own = ctx.actor?.roles.includes('supplier') ? ctx.actor.entityId : null;
  const bids = (
    await db
      .select()
      .from(bid)
      .where(and(eq(bid.lotId, lotId), sealed ? eq(bid.supplierEntityId, own ?? '00000000-0000-0000-0000-000000000000') : undefined))
      .orderBy(asc(bid.receivedAt))
  ).filter((b) => !['superseded', 'withdrawn'].includes(b.status));
  const names = await entityNames(db, bids.map((b) => b.supplierEntityId));
  // GP-21: each bid's security, by transfer into its sub-account or by an approved e-guarantee; status and amounts only, never the payer or the issuer.
  const deposits = projectRow.deadline ? await securityStatusesOfLot(db, lotRow, projectRow.deadline, bids.map((b) => b.supplierEntityId)) : new Map();
  const signoffs = await db.select().from(openingSignoff).where(eq(openingSignoff.lotId, lotId));
  return {
    project: { id: projectRow.id, projectNumber: projectRow.projectNumber, title: projectRow.title, deadline: projectRow.deadline?.toISOString() ?? null, status: projectRow.status },
    lot: { id: lotRow.id, lotNo: lotRow.lotNo, title: lotRow.title, budgetFen: lotRow.budgetFen, status: lotRow.status, failureRuleId: lotRow.failureRuleId, failureReason: lotRow.failureReason },
    opening: openingRow
      ? {
          status: openingRow.status,
          startedAt: openingRow.startedAt.toISOString(),
          decryptionEndsAt: openingRow.decryptionEndsAt?.toISOString() ?? null,
          closedAt: openingRow.closedAt?.toISOString() ?? null,
          recordSha256: openingRow.recordBlobSha256,
          recordFinalizedAt: openingRow.recordFinalizedAt?.toISOString() ?? null,
        }
      : null,
    now: ctx.platform.clock.now().toISOString(),
    entries: bids.map((b) => {
      const schedule = b.priceSchedule as PriceSchedule | null;
      const signoff = signoffs.find((s) => s.supplierEntityId === b.supplierEntityId);
      return {
        bidId: b.id,
        supplierEntityId: b.supplierEntityId,
        supplierName: names.get(b.supplierEntityId) ?? '',
        status: b.status,
        receivedAt: b.receivedAt.toISOString(),
        totalPriceFen: closed ? (schedule?.totalPriceFen ?? null) : null,
        deliveryPeriod: closed ? (schedule?.deliveryPeriod ?? null) : null,
        deposit: closed ? (schedule?.deposit ?? null) : null,
        depositStatus: deposits.has(b.supplierEntityId) ? statusView(deposits.get(b.supplierEntityId)!) : null,
        remark: b.statusReason ?? schedule?.remarks ?? null,
        mine: b.supplierEntityId === ctx.actor?.entityId,
        signoff: signoff ? { agreed: signoff.agreed, objection: signoff.objection, signedAt: signoff.signedAt.toISOString() } : null,
      };
    }),
  };
}

/** The public's view: the lot has no opening record, and no such route, until the opening starts. */
export async function publicOpeningRecord(ctx: Context, lotId: string) {
  const [started] = await ctx.platform.database.db.select({ lotId: opening.lotId }).from(opening).where(eq(opening.lotId, lotId));
  if (!started) throw notFound(bilingual('标项', 'Lot'));
  return openingRecord(ctx, lotId);
}

/** Each bidder signs the opening record online, agreeing or stating its objection (WK-09). */
export async function signOpeningRecord(ctx: Context, lotId: string, input: { agreed: boolean; objection?: string | null }) {
  const actor = ctx.actor!;
  const db = ctx.platform.database.db;
  const { openingRow, projectRow } = await loadOpeningForLot(db, lotId);
  if (openingRow?.status !== 'closed' || openingRow.recordFinalizedAt) throw new DomainError('RECORD_NOT_OPEN_FOR_SIGNING', bilingual('开标记录当前不可签署', 'The opening record is not open for signing'), 409);
  if (!input.agreed && !input.objection?.trim()) throw new DomainError('OBJECTION_REQUIRED', bilingual('请填写异议内容', 'State the objection'), 422, { field: 'objection' });
  const [own] = await db.select({ id: bid.id }).from(bid).where(and(eq(bid.lotId, lotId), eq(bid.supplierEntityId, actor.entityId), inArray(bid.status, ['decrypted', 'revoked', 'withdrawnPlatformFault'])));
  if (!own) throw notFound(bilingual('本单位的投标', 'Your bid'));
  return inTransaction(ctx, async (tx, audit) => {
    const [existing] = await tx.select().from(openingSignoff).where(and(eq(openingSignoff.lotId, lotId), eq(openingSignoff.supplierEntityId, actor.entityId)));
    if (existing) throw new DomainError('ALREADY_SIGNED', bilingual('已签署开标记录', 'You have already signed the record'), 409);
    const signedAt = ctx.platform.clock.now();
    await tx.insert(openingSignoff).values({ lotId, supplierEntityId: actor.entityId, personId: actor.personId, agreed: input.agreed, objection: input.objection?.trim() || null, signedAt });
    audit.record({ action: input.agreed ? 'opening.sign' : 'opening.object', subjectType: 'lot', subjectId: lotId, regionCode: projectRow.regionCode, projectId: projectRow.id, after: { agreed: input.agreed, objection: input.objection ?? null } });
    return { agreed: input.agreed, signedAt: signedAt.toISOString() };
  });
}

/** The agency closes the record for signing; a job renders it as a PDF on the project. */
export async function finalizeOpeningRecord(ctx: Context, lotId: string) {
  const db = ctx.platform.database.db;
  const { openingRow, projectRow } = await loadOpeningForLot(db, lotId);
  if (!managesProject(ctx.actor, projectRow)) throw notFound(bilingual('开标记录', 'Opening record'));
  if (openingRow?.status !== 'closed' || openingRow.recordFinalizedAt) throw new DomainError('RECORD_NOT_CLOSABLE', bilingual('开标尚未结束或记录已定稿', 'The opening has not ended or the record is final'), 409);
  return inTransaction(ctx, async (tx, audit) => {
    const now = ctx.platform.clock.now();
    await tx.update(opening).set({ recordFinalizedAt: now }).where(eq(opening.lotId, lotId));
    const jobId = await enqueueJob(tx, now, { kind: OPENING_RECORD_JOB, payload: { lotId }, runAt: now, dedupeKey: `opening-record:${lotId}` });
    audit.record({ action: 'opening.record_finalize', subjectType: 'lot', subjectId: lotId, regionCode: projectRow.regionCode, projectId: projectRow.id, detail: { jobId } });
    return { jobId, finalizedAt: now.toISOString() };
  });
}

/** The record as a printable page; the body is the notice's own rendering. */
export function renderRecordHtml(record: Awaited<ReturnType<typeof openingRecord>>): string {
  return documentHtml('开标记录', renderNotice('openingRecord', record as never).html);
}

export function openingRecordHandler(platform: Platform): JobHandler {
  return async (payload) => {
    const ctx = systemContext(platform);
    const lotId = String(payload.lotId);
    const { projectRow } = await loadOpeningForLot(platform.database.db, lotId);
    const record = await openingRecord({ ...ctx, actor: null }, lotId).catch(() => null);
    if (!record) throw new Error('record not readable');
    const pdf = await renderPdf(renderRecordHtml(record));
    const blob = await platform.blobs.put(pdf);
    await inTransaction(ctx, async (tx, audit) => {
      await tx.update(opening).set({ recordBlobSha256: blob.sha256 }).where(eq(opening.lotId, lotId));
      await insertNotice(tx, ctx, audit, {
        noticeType: 'openingRecord',
        projectId: projectRow.id,
        planId: projectRow.planId,
        regionCode: projectRow.regionCode,
        fields: { ...record, pdfSha256: blob.sha256 } as never,
      });
      audit.record({ action: 'opening.record_pdf', subjectType: 'lot', subjectId: lotId, regionCode: projectRow.regionCode, projectId: projectRow.id, after: { sha256: blob.sha256, size: blob.size } });
    });
    return { sha256: blob.sha256 };
  };
}
