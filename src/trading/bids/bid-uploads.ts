import { refuseIfDebarred } from '../../supervision/credit/credit';
import { refuseUnlessInvited } from '../publicity/publicity';
import { refuseUnlessPrequalified } from '../prequalification/prequalification';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { entity } from '../../identity/identity.schema';
import { canonicalJson } from '../../platform/audit/audit-chain';
import { receiptCheckpointDueBy, receiptDigest, type ReceiptProof } from '../../platform/audit/audit-checkpoint';
import { receiptInclusion } from '../../platform/audit/checkpoints';
import { ChunkRefused } from '../../platform/blobs/blob-store';
import { guardedFacts, type Context } from '../../platform/context';
import { againIfViolated, prepared, queryRows, type Db } from '../../platform/database/database';
import { DomainError, bilingual, conflict, notFound } from '../../platform/errors';
import { ACCESS_MESSAGES } from '../../platform/http/errors';
import { inTransaction } from '../../platform/unit-of-work';
import { scheduleDepositRefunds } from '../../money/refunds/refunds';
import { BID_ONE_LIVE_PER_SUPPLIER, bid, bidKey, bidUpload, documentDownload, lot, project, type BidPart, type BidReceipt } from '../trading.schema';
import { deadlinePassed, INLINE_PART_BYTES, MAX_CHUNK_BYTES, MAX_PART_BYTES, MAX_PARTS, PRICE_SCHEDULE_PART, secondQuotationRefused, submissionOpen } from './bid.rules';
import { methodRules } from '../methods/methods';

/**
 * Sealed bid submission (the platform's promise, EB-01..EB-03):
 *  1. the browser encrypts every part with a fresh AES-256-GCM key and wraps that key with
 *     the supplier's public key; the platform never sees a key or a plaintext before the
 *     opening;
 *  2. the ciphertext arrives in resumable chunks, each synced to disk before it is
 *     acknowledged, so a dropped connection at 23:59 loses nothing already sent;
 *  3. finalising checks every part against its declared SHA-256, moves it into the blob
 *     store (synced), and commits the bid with its signed receipt; only then is the receipt
 *     sent. A retry with the same idempotency key gets the same receipt.
 */
const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);

export const uploadInput = z
  .object({
    idempotencyKey: z.string().min(8).max(100),
    keyId: z.uuid(),
    wrappedKey: base64.max(2000).describe('The AES-256 content key wrapped with RSA-OAEP under the supplier’s key'),
    parts: z
      .array(
        z.object({
          name: z.string().regex(/^(priceSchedule|file-\d{1,2})$/),
          fileName: z.string().trim().min(1).max(200),
          size: z.int().positive().max(MAX_PART_BYTES),
          sha256: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 of the ciphertext'),
          iv: base64.max(40),
          content: base64
            .max(Math.ceil(INLINE_PART_BYTES / 3) * 4)
            .optional()
            .describe(`The part's ciphertext, base64, when it is at most ${INLINE_PART_BYTES / 1024} KiB (the price schedule): it needs no chunk of its own`),
        }),
      )
      .min(1)
      .max(MAX_PARTS),
    deviceFingerprint: z.string().max(128).nullish().describe('A hash of the browser’s characteristics, compared across bidders by supervision'),
  })
  .meta({ id: 'BidUploadStart' });

export type UploadInput = z.infer<typeof uploadInput>;
type UploadRow = typeof bidUpload.$inferSelect;

/** Any constant: the advisory lock that takes a request for quotations' quotations of one supplier and lot one at a time (RQ-02). */
const ONE_QUOTATION_LOCK = 7_311_014;

async function lotAndProject(db: Db, lotId: string) {
  const [row] = await db.select({ lotRow: lot, projectRow: project }).from(lot).innerJoin(project, eq(project.id, lot.projectId)).where(eq(lot.id, lotId));
  if (!row) throw notFound(bilingual('标项', 'Lot'));
  return row;
}

/**
 * What starting an upload checks, in one round trip (the deadline surge is made of these): the
 * lot and its project, whether the supplier obtained the documents, and the key the bid names.
 */
async function startChecks(db: Db, lotId: string, supplierEntityId: string, keyId: string) {
  const [row] = await db
    .select({
      lotRow: lot,
      projectRow: project,
      key: bidKey,
      documentsObtained: sql<boolean>`EXISTS (SELECT 1 FROM ${documentDownload} WHERE ${documentDownload.projectId} = ${project.id} AND ${documentDownload.supplierEntityId} = ${supplierEntityId})`,
    })
    .from(lot)
    .innerJoin(project, eq(project.id, lot.projectId))
    .leftJoin(bidKey, and(eq(bidKey.id, keyId), eq(bidKey.supplierEntityId, supplierEntityId)))
    .where(eq(lot.id, lotId));
  if (!row) throw notFound(bilingual('标项', 'Lot'));
  return row;
}

async function uploadStatusView(ctx: Context, upload: UploadRow) {
  const parts = await Promise.all(upload.parts.map(async (p, index) => ({ index, name: p.name, size: p.size, received: await ctx.platform.blobs.uploads.received(upload.id, index) })));
  const finalized = upload.bidId ? await findBid(ctx.platform.database.db, upload.bidId) : undefined;
  return { uploadId: upload.id, status: upload.status, parts, receipt: finalized ? receiptView(ctx, finalized) : null };
}

export async function startUpload(ctx: Context, lotId: string, input: UploadInput) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const parts = input.parts.map(({ content: _, ...part }) => part);
  const requestHash = createHash('sha256').update(canonicalJson({ lotId, keyId: input.keyId, wrappedKey: input.wrappedKey, parts })).digest('hex');
  const [existing] = await db.select().from(bidUpload).where(and(eq(bidUpload.supplierEntityId, actor.entityId), eq(bidUpload.idempotencyKey, input.idempotencyKey)));
  if (existing) {
    if (existing.requestHash !== requestHash)
      throw conflict('IDEMPOTENCY_KEY_REUSED', bilingual('该幂等键已用于另一份不同的投标', 'This idempotency key was already used for a different bid'));
    return uploadStatusView(ctx, existing);
  }
  const { lotRow, projectRow, documentsObtained, key } = await startChecks(db, lotId, actor.entityId, input.keyId);
  const now = ctx.platform.clock.now();
  if (projectRow.status !== 'published' || lotRow.status !== 'open') throw new DomainError('NOT_ACCEPTING_BIDS', bilingual('该标项不在投标期', 'This lot is not accepting bids'), 409);
  if (!submissionOpen(projectRow.deadline, now)) throw deadlinePassed(projectRow.deadline!);
  await refuseIfDebarred(db, actor.entityId, projectRow, now);
  await refuseUnlessInvited(projectRow, actor.entityId);
  const { oneQuotationRuleId } = methodRules(projectRow.method, projectRow.category);
  if (oneQuotationRuleId) {
    const [earlier] = await db.select({ id: bid.id }).from(bid).where(and(eq(bid.lotId, lotId), eq(bid.supplierEntityId, actor.entityId))).limit(1);
    const refusal = secondQuotationRefused(oneQuotationRuleId, earlier ? 1 : 0);
    if (refusal) throw refusal;
  }
  await refuseUnlessPrequalified(db, projectRow, actor.entityId);
  if (!documentsObtained) throw new DomainError('DOCUMENTS_NOT_OBTAINED', bilingual('获取采购文件后方可投标', 'Obtain the procurement documents before bidding'), 409);
  usableKey(key);
  const names = parts.map((p) => p.name);
  if (names.filter((n) => n === PRICE_SCHEDULE_PART).length !== 1 || new Set(names).size !== names.length)
    throw new DomainError('BID_PARTS_INVALID', bilingual('投标文件须包含且仅包含一份开标一览表，文件名不得重复', 'A bid needs exactly one price schedule and distinct parts'), 422, { field: 'parts' });
  const inline = inlineParts(input.parts);
  const id = randomUUID();
  // On disk and synced before the upload that lists them is committed and acknowledged.
  for (const { index, bytes } of inline) await ctx.platform.blobs.uploads.writeChunk(id, index, 0, Readable.from([bytes]), bytes.length);
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(bidUpload)
      .values({ id, lotId, supplierEntityId: actor.entityId, personId: actor.personId, idempotencyKey: input.idempotencyKey, requestHash, keyId: input.keyId, wrappedKey: input.wrappedKey, parts, deviceFingerprint: input.deviceFingerprint ?? null, status: 'open', createdAt: now })
      .returning();
    audit.record({ action: 'bid.upload_start', subjectType: 'lot', subjectId: lotId, regionCode: projectRow.regionCode, projectId: projectRow.id, detail: { uploadId: id, parts: parts.map((p) => ({ name: p.name, size: p.size, sha256: p.sha256 })) } });
    return uploadStatusView(ctx, row!);
  });
}

/** The parts sent inline, each checked against its declared size and SHA-256 before anything is written. */
function inlineParts(parts: UploadInput['parts']) {
  return parts.flatMap((part, index) => {
    if (part.content === undefined) return [];
    const bytes = Buffer.from(part.content, 'base64');
    if (part.size > INLINE_PART_BYTES || bytes.length !== part.size || createHash('sha256').update(bytes).digest('hex') !== part.sha256)
      throw new DomainError(
        'PART_HASH_MISMATCH',
        bilingual(`“${part.fileName}”与声明的大小或摘要不符（随开始请求发送的文件不得超过${INLINE_PART_BYTES / 1024} KiB）`, `"${part.fileName}" does not match its declared size or SHA-256 (a part sent with the start is at most ${INLINE_PART_BYTES / 1024} KiB)`),
        422,
        { partIndex: index },
      );
    return [{ index, bytes }];
  });
}

/** A bid is sealed with one of the supplier's own keys, and only with the current one. */
function usableKey<K extends { fingerprint: string; revokedAt: Date | string | null }>(key: K | undefined | null): K {
  if (!key) throw notFound(bilingual('投标加密密钥', 'Bid key'));
  if (key.revokedAt)
    throw conflict('BID_KEY_REVOKED', bilingual('该投标加密密钥已被本单位登记的新密钥取代，请用最新的密钥文件重新加密投标', 'This bid key was replaced by a newer key of your organisation; seal the bid again with the newest key file'));
  return key;
}

const uploadQuery = (db: Db) =>
  db
    .select({ upload: bidUpload, lotRow: lot, projectRow: project, supplierName: entity.name })
    .from(bidUpload)
    .innerJoin(lot, eq(lot.id, bidUpload.lotId))
    .innerJoin(project, eq(project.id, lot.projectId))
    .innerJoin(entity, eq(entity.id, bidUpload.supplierEntityId))
    .where(eq(bidUpload.id, sql.placeholder('uploadId')))
    .prepare('bid_upload_with_lot');

export type UploadFacts = Awaited<ReturnType<ReturnType<typeof uploadQuery>['execute']>>[number] & { supplierEntityId: string; projectId: string };

/**
 * An upload with its lot, project and the supplier's name, in one prepared round trip. The row
 * guard reads it for every chunk and the finalising, and the use case reuses what it read.
 */
export async function loadUpload(db: Db, uploadId: string): Promise<UploadFacts | null> {
  const [row] = await prepared(db, uploadQuery).execute({ uploadId });
  return row ? { ...row, supplierEntityId: row.upload.supplierEntityId, projectId: row.projectRow.id } : null;
}

async function ownUpload(ctx: Context, uploadId: string) {
  const row = guardedFacts<UploadFacts>(ctx, 'bidUpload', uploadId) ?? (await loadUpload(ctx.platform.database.db, uploadId));
  if (!row || row.upload.supplierEntityId !== ctx.actor!.entityId) throw notFound(bilingual('上传任务', 'Upload'));
  return row;
}

export async function uploadStatus(ctx: Context, uploadId: string) {
  return uploadStatusView(ctx, (await ownUpload(ctx, uploadId)).upload);
}

/**
 * Writes one chunk at `offset`, streamed from the request to the part on disk, never held
 * whole in memory. Chunks come in order; a chunk may be sent again (it replaces what followed
 * its offset). The chunk is on disk before the answer says so; a refused one leaves the part
 * as it was. With `finalize`, the request that completes the last part also submits the bid
 * and answers with its receipt (null if a part is still incomplete: finalise separately).
 */
export async function writeChunk(ctx: Context, uploadId: string, partIndex: number, offset: number, chunk: { body: Readable; length: number | undefined }, finalize = false) {
  const received = await writeOneChunk(ctx, uploadId, partIndex, offset, chunk);
  if (!finalize || 'status' in received) return received;
  // The last chunk may submit the bid in the same request, once every part is complete.
  const { upload } = await ownUpload(ctx, uploadId);
  const sizes = await Promise.all(upload.parts.map((_, index) => (index === partIndex ? received.received : ctx.platform.blobs.uploads.received(uploadId, index))));
  const complete = upload.parts.every((part, index) => sizes[index] === part.size);
  return { ...received, receipt: complete ? await finalizeUpload(ctx, uploadId) : null };
}

async function writeOneChunk(ctx: Context, uploadId: string, partIndex: number, offset: number, chunk: { body: Readable; length: number | undefined }) {
  const { upload, projectRow } = await ownUpload(ctx, uploadId);
  const part = upload.parts[partIndex];
  if (!part) throw notFound(bilingual('文件分片', 'Part'));
  if (upload.status !== 'open') return uploadStatusView(ctx, upload);
  if (!submissionOpen(projectRow.deadline, ctx.platform.clock.now())) throw deadlinePassed(projectRow.deadline!);
  const uploads = ctx.platform.blobs.uploads;
  // A declared length is checked before a byte is written; the store counts the bytes that come.
  const room = part.size - offset;
  if (chunk.length !== undefined && chunk.length > MAX_CHUNK_BYTES) throw chunkTooLarge();
  if (room < 0 || (chunk.length !== undefined && chunk.length > room)) throw chunkOutOfOrder(await uploads.received(uploadId, partIndex));
  try {
    return { partIndex, received: await uploads.writeChunk(uploadId, partIndex, offset, chunk.body, Math.min(MAX_CHUNK_BYTES, room)) };
  } catch (error) {
    if (!(error instanceof ChunkRefused)) throw error;
    throw error.reason === 'overrun' && room >= MAX_CHUNK_BYTES ? chunkTooLarge() : chunkOutOfOrder(error.received);
  }
}

const chunkTooLarge = () => new DomainError('PAYLOAD_TOO_LARGE', ACCESS_MESSAGES.PAYLOAD_TOO_LARGE!, 413);
const chunkOutOfOrder = (received: number) =>
  new DomainError('CHUNK_OUT_OF_ORDER', bilingual('分片位置错误，请从已接收位置继续上传', 'The chunk does not continue the upload; resume from the received offset'), 409, { received });

export async function findBid(db: Db, id: string) {
  const [row] = await db.select().from(bid).where(eq(bid.id, id));
  return row;
}

export type BidRow = typeof bid.$inferSelect;

/**
 * The signed receipt, and where the bidder will find it in the public record: the receipt's hash
 * goes into the next signed checkpoint of the audit chain (hourly, or the opening, whichever is
 * first), and the proof leads from the receipt to that checkpoint. Everything here is
 * derived from the stored bid, so a retry gets the identical answer.
 */
export function receiptView(ctx: Context, row: BidRow) {
  return {
    receipt: row.receipt,
    signature: row.receiptSignature,
    signingKeyId: ctx.platform.signer.keyId,
    timestamp: {
      receiptSha256: receiptDigest(row.receipt),
      checkpointDueBy: receiptCheckpointDueBy(row.receivedAt).toISOString(),
      proofUrl: `/api/bids/${row.id}/receipt-proof`,
      checkpointsUrl: '/api/public/audit/checkpoints',
    },
  };
}

/** The bidder's own proof that its receipt is in a signed public checkpoint (see receiptView). */
export async function receiptProof(ctx: Context, bidId: string): Promise<ReceiptProof<BidReceipt>> {
  const db = ctx.platform.database.db;
  const [row] = await db.select().from(bid).where(and(eq(bid.id, bidId), eq(bid.supplierEntityId, ctx.actor!.entityId)));
  if (!row) throw notFound(bilingual('投标文件', 'Bid'));
  const receiptSha256 = receiptDigest(row.receipt);
  const inclusion = await receiptInclusion(db, { subjectType: 'bid', subjectId: row.id }, receiptSha256);
  if (!inclusion) throw notFound(bilingual('回执的审计记录', 'The receipt’s audit entry'));
  return {
    status: inclusion.checkpoint ? 'included' : 'pending',
    receipt: row.receipt,
    signature: row.receiptSignature,
    receiptSha256,
    checkpointDueBy: receiptCheckpointDueBy(row.receivedAt).toISOString(),
    ...inclusion,
  };
}

/** Checks every part, stores the ciphertext durably, commits the bid and returns its signed receipt. */
export async function finalizeUpload(ctx: Context, uploadId: string) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const { upload, lotRow, projectRow, supplierName } = await ownUpload(ctx, uploadId);
  if (upload.bidId) return receiptView(ctx, (await findBid(db, upload.bidId))!);
  if (!submissionOpen(projectRow.deadline, ctx.platform.clock.now())) throw deadlinePassed(projectRow.deadline!);
  // A debarment that began while the bid was uploading refuses it too.
  await refuseIfDebarred(db, actor.entityId, projectRow, ctx.platform.clock.now());

  for (const [index, part] of upload.parts.entries()) {
    if (await ctx.platform.blobs.has(part.sha256)) continue; // moved in by an attempt that did not get to commit
    const size = await ctx.platform.blobs.uploads.received(uploadId, index);
    if (size !== part.size)
      throw new DomainError('UPLOAD_INCOMPLETE', bilingual(`“${part.fileName}”尚未传输完整（${size}/${part.size}字节）`, `"${part.fileName}" is incomplete (${size}/${part.size} bytes)`), 409, { partIndex: index, received: size });
    if (!(await ctx.platform.blobs.uploads.adopt(uploadId, index, part.sha256)))
      throw new DomainError('PART_HASH_MISMATCH', bilingual(`“${part.fileName}”与声明的摘要不符，请重新上传`, `"${part.fileName}" does not match its declared SHA-256; upload it again`), 422, { partIndex: index });
  }

  // Two submissions of one supplier to one lot committing at once both counted the bids before
  // the other's commit; the later one, tried again, sees the other and supersedes it.
  const { oneQuotationRuleId } = methodRules(projectRow.method, projectRow.category);
  const result = await againIfViolated(BID_ONE_LIVE_PER_SUPPLIER, () => inTransaction(ctx, async (tx, audit) => {
    // RQ-02: one quotation per supplier and lot, taken one at a time, so the count below sees an earlier one even if it was withdrawn meanwhile.
    if (oneQuotationRuleId) await tx.execute(sql`SELECT pg_advisory_xact_lock(${ONE_QUOTATION_LOCK}, hashtext(${lotRow.id} || ${actor.entityId}))`);
    // One round trip, under locks held to the commit: the upload (not finalised meanwhile), the key
    // (still the supplier's current one: registering a new key revokes it, and waits for this), the
    // deadline as it stands now (a clarification may have moved it), and the supplier's earlier bids.
    const [current] = await queryRows<{ bidId: string | null; fingerprint: string; revokedAt: Date | null; deadline: Date | string; earlierBids: number; liveBids: number }>(
      tx,
      sql`SELECT u.bid_id AS "bidId", k.fingerprint, k.revoked_at AS "revokedAt", p.deadline,
            (SELECT count(*) FROM bid b WHERE b.lot_id = u.lot_id AND b.supplier_entity_id = u.supplier_entity_id)::int AS "earlierBids",
            (SELECT count(*) FROM bid b WHERE b.lot_id = u.lot_id AND b.supplier_entity_id = u.supplier_entity_id AND b.status = 'submitted')::int AS "liveBids"
          FROM bid_upload u
          JOIN project p ON p.id = ${projectRow.id}
          JOIN bid_key k ON k.id = u.key_id AND k.supplier_entity_id = u.supplier_entity_id
          WHERE u.id = ${uploadId}
          FOR UPDATE OF u FOR SHARE OF p, k`,
    );
    if (!current) throw notFound(bilingual('投标加密密钥', 'Bid key'));
    if (current.bidId) return (await findBid(tx, current.bidId))!;
    const { fingerprint } = usableKey(current);
    const deadline = new Date(current.deadline);
    const receivedAt = ctx.platform.clock.now();
    if (!submissionOpen(deadline, receivedAt)) throw deadlinePassed(deadline);
    const second = secondQuotationRefused(oneQuotationRuleId, current.earlierBids);
    if (second) throw second;
    if (current.liveBids > 0)
      await tx
        .update(bid)
        .set({ status: 'superseded' })
        .where(and(eq(bid.lotId, lotRow.id), eq(bid.supplierEntityId, actor.entityId), eq(bid.status, 'submitted')));
    const n = current.earlierBids;
    const id = randomUUID();
    const receipt: BidReceipt = {
      bidId: id,
      projectNumber: projectRow.projectNumber,
      lotId: lotRow.id,
      supplierEntityId: actor.entityId,
      supplierName: supplierName ?? '',
      parts: upload.parts.map((p: BidPart) => ({ name: p.name, size: p.size, sha256: p.sha256 })),
      receivedAt: receivedAt.toISOString(),
      submissionNo: n + 1,
      keyFingerprint: fingerprint,
    };
    const [row] = await tx
      .insert(bid)
      .values({
        id,
        lotId: lotRow.id,
        projectId: projectRow.id,
        supplierEntityId: actor.entityId,
        personId: actor.personId,
        uploadId,
        submissionNo: n + 1,
        status: 'submitted',
        keyId: upload.keyId,
        wrappedKey: upload.wrappedKey,
        parts: upload.parts,
        receivedAt,
        receipt,
        receiptSignature: ctx.platform.signer.sign(receipt),
        clientIp: ctx.ip,
        userAgent: ctx.userAgent?.slice(0, 500) ?? null,
        deviceFingerprint: upload.deviceFingerprint,
      })
      .returning();
    await tx.update(bidUpload).set({ status: 'finalized', bidId: id }).where(eq(bidUpload.id, uploadId));
    // The receipt's hash goes into the next public checkpoint (platform/audit/checkpoints.ts).
    audit.record({ action: 'bid.submit', subjectType: 'bid', subjectId: id, regionCode: projectRow.regionCode, projectId: projectRow.id, after: { ...receipt, deviceFingerprint: upload.deviceFingerprint }, detail: { receiptSha256: receiptDigest(receipt) } });
    return row!;
  }));
  await ctx.platform.blobs.uploads.remove(uploadId);
  return receiptView(ctx, result);
}

/** EB-02: a bidder may withdraw before the deadline (and submit again). */
export async function withdrawBid(ctx: Context, lotId: string) {
  const actor = ctx.actor!;
  const { projectRow } = await lotAndProject(ctx.platform.database.db, lotId);
  return inTransaction(ctx, async (tx, audit) => {
    const now = ctx.platform.clock.now();
    if (!submissionOpen(projectRow.deadline, now)) throw deadlinePassed(projectRow.deadline!);
    const [row] = await tx
      .update(bid)
      .set({ status: 'withdrawn', withdrawnAt: now, statusReason: '投标人在截止前撤回' })
      .where(and(eq(bid.lotId, lotId), eq(bid.supplierEntityId, actor.entityId), eq(bid.status, 'submitted')))
      .returning();
    if (!row) throw notFound(bilingual('有效投标', 'A live bid'));
    const withdrawal = { bidId: row.id, withdrawnAt: now.toISOString() };
    // GP-24: a deposit paid for the withdrawn bid is due back within 5 working days of the withdrawal.
    await scheduleDepositRefunds(tx, audit, ctx, { lotId, trigger: 'withdrawal', at: now, supplierEntityIds: [actor.entityId] });
    audit.record({ action: 'bid.withdraw', subjectType: 'bid', subjectId: row.id, regionCode: projectRow.regionCode, projectId: projectRow.id, before: { status: 'submitted' }, after: { status: 'withdrawn', withdrawnAt: now } });
    return { withdrawal, signature: ctx.platform.signer.sign(withdrawal), signingKeyId: ctx.platform.signer.keyId };
  });
}

/** A supplier's own bids on a project, newest first, with their receipts. */
export async function myBids(ctx: Context, projectId: string) {
  const rows = await ctx.platform.database.db
    .select()
    .from(bid)
    .where(and(eq(bid.projectId, projectId), eq(bid.supplierEntityId, ctx.actor!.entityId)))
    .orderBy(asc(bid.receivedAt));
  return rows.reverse().map((r) => ({ id: r.id, lotId: r.lotId, status: r.status, statusReason: r.statusReason, submissionNo: r.submissionNo, receivedAt: r.receivedAt.toISOString(), keyId: r.keyId, wrappedKey: r.wrappedKey, parts: r.parts, ...receiptView(ctx, r) }));
}
