import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { systemContext, type Context, type Platform } from '../../platform/context';
import { queryRows, type Db } from '../../platform/database/database';
import type { JobHandler } from '../../platform/jobs/jobs';
import { readSetting } from '../../platform/settings/settings';
import { inTransaction } from '../../platform/unit-of-work';
import { redFlagAlert } from './redflags.schema';
import { matchKey, runPresumptions, type BidFacts, type LotFacts, type Match, type PresumptionSettings } from './presumptions';

/** Runs the indicators on one lot after its bids' documents are stored (incremental). */
export const REDFLAGS_LOT_JOB = 'redflags.lot';
/** Runs them on every opened lot (on demand). */
export const REDFLAGS_FULL_JOB = 'redflags.full';

export const REDFLAG_SETTINGS_KEY = 'redflags.settings';
const settingsSchema = z.record(z.string(), z.record(z.string(), z.union([z.number(), z.boolean()]))) as z.ZodType<PresumptionSettings>;

export async function redFlagSettings(db: Db): Promise<PresumptionSettings> {
  return (await readSetting(db, REDFLAG_SETTINGS_KEY, settingsSchema, {})).value;
}

interface BidFactsRow {
  bidId: string;
  lotId: string;
  projectId: string;
  regionCode: string;
  supplierEntityId: string;
  supplierName: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  legalRepresentative: string | null;
  controllerCreditCode: string | null;
  deviceFingerprint: string | null;
  clientIp: string | null;
  plaintextParts: { name: string; sha256: string; metadata?: Record<string, string | null> }[] | null;
  priceFen: string | null;
  payerAccounts: string[] | null;
  publishedHashes: string[] | null;
}

/**
 * What the platform recorded about the opened bids of the given lots (all opened lots when null).
 * Only decrypted bids: before the opening nobody, the engine included, compares who bid.
 */
export async function loadLotFacts(db: Db, lotIds: string[] | null): Promise<LotFacts[]> {
  const rows = await queryRows<BidFactsRow>(
    db,
    sql`SELECT b.id AS "bidId", b.lot_id AS "lotId", b.project_id AS "projectId", p.region_code AS "regionCode",
          b.supplier_entity_id AS "supplierEntityId", e.name AS "supplierName", e.credit_code AS "creditCode",
          e.contact_name AS "contactName", e.contact_phone AS "contactPhone",
          e.legal_representative AS "legalRepresentative", e.controller_credit_code AS "controllerCreditCode",
          b.device_fingerprint AS "deviceFingerprint", b.client_ip AS "clientIp", b.plaintext_parts AS "plaintextParts",
          (b.price_schedule->>'totalPriceFen') AS "priceFen",
          (SELECT array_agg(DISTINCT r.payer_account_key) FROM virtual_account va JOIN deposit_receipt r ON r.virtual_account_id = va.id
            WHERE va.lot_id = b.lot_id AND va.supplier_entity_id = b.supplier_entity_id) AS "payerAccounts",
          (SELECT array_agg(d.blob_sha256) FROM tender_document d WHERE d.project_id = b.project_id) AS "publishedHashes"
        FROM bid b JOIN project p ON p.id = b.project_id JOIN entity e ON e.id = b.supplier_entity_id
        WHERE b.status = 'decrypted' ${lotIds ? sql`AND b.lot_id IN (${sql.join(lotIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``}
        ORDER BY b.lot_id`,
  );
  const lots = new Map<string, LotFacts>();
  for (const r of rows) {
    let lot = lots.get(r.lotId);
    if (!lot) lots.set(r.lotId, (lot = { lotId: r.lotId, projectId: r.projectId, regionCode: r.regionCode, publishedHashes: r.publishedHashes ?? [], bids: [] }));
    lot.bids.push(bidFacts(r));
  }
  return [...lots.values()];
}

function bidFacts(r: BidFactsRow): BidFacts {
  const parts = r.plaintextParts ?? [];
  return {
    bidId: r.bidId,
    supplierEntityId: r.supplierEntityId,
    supplierName: r.supplierName,
    creditCode: r.creditCode,
    deviceFingerprint: r.deviceFingerprint,
    clientIp: r.clientIp,
    files: parts.map((p) => ({ name: p.name, sha256: p.sha256 })),
    documentMetadata: parts.filter((p) => p.metadata).map((p) => ({ name: p.name, author: p.metadata!.author ?? null, creator: p.metadata!.creator ?? null, createdAt: p.metadata!.createdAt ?? null })),
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    legalRepresentative: r.legalRepresentative,
    controllerCreditCode: r.controllerCreditCode,
    payerAccounts: r.payerAccounts ?? [],
    priceFen: r.priceFen === null ? null : Number(r.priceFen),
  };
}

export interface RecomputeSummary {
  lots: number;
  bids: number;
  matches: number;
  created: number;
  gone: number;
}

/**
 * Runs the indicators over the lots and brings the alerts in line: a new match opens an alert, a
 * match found again keeps its alert (and whatever people did with it), an alert whose match is no
 * longer found is marked gone, not deleted. Each new alert and each gone one is in the audit trail.
 */
export async function recomputeLots(ctx: Context, lots: LotFacts[], settings: PresumptionSettings): Promise<RecomputeSummary> {
  const found = lots.flatMap((lot) => runPresumptions(lot, settings).map((m) => ({ lot, match: m, key: matchKey(lot.lotId, m) })));
  const summary: RecomputeSummary = { lots: lots.length, bids: lots.reduce((n, l) => n + l.bids.length, 0), matches: found.length, created: 0, gone: 0 };
  if (lots.length === 0) return summary;
  const db = ctx.platform.database.db;
  const lotIds = lots.map((l) => l.lotId);
  const existing = new Map<string, { id: string; goneAt: Date | null; regionCode: string; projectId: string | null }>();
  for (let i = 0; i < lotIds.length; i += 5000)
    for (const r of await db.select({ id: redFlagAlert.id, key: redFlagAlert.key, goneAt: redFlagAlert.goneAt, regionCode: redFlagAlert.regionCode, projectId: redFlagAlert.projectId }).from(redFlagAlert).where(inArray(redFlagAlert.lotId, lotIds.slice(i, i + 5000))))
      existing.set(r.key, r);
  const now = ctx.platform.clock.now();
  const fresh = found.filter((f) => !existing.has(f.key));
  const back = found.filter((f) => existing.get(f.key)?.goneAt);
  const foundKeys = new Set(found.map((f) => f.key));
  const vanished = [...existing].filter(([key, a]) => !foundKeys.has(key) && !a.goneAt);
  if (fresh.length + back.length + vanished.length === 0) return summary;
  await inTransaction(ctx, async (tx, audit) => {
    for (let i = 0; i < fresh.length; i += 500) {
      const rows = fresh.slice(i, i + 500).map(({ lot, match, key }) => alertRow(lot, match, key, now));
      await tx.insert(redFlagAlert).values(rows).onConflictDoNothing({ target: redFlagAlert.key });
      for (const r of rows) audit.record({ action: 'redflag.detect', subjectType: 'redFlagAlert', subjectId: r.id, regionCode: r.regionCode, projectId: r.projectId, after: { code: r.code, ruleId: r.ruleId, lotId: r.lotId, entityIds: r.entityIds } });
    }
    for (const { match, key } of back) {
      const a = existing.get(key)!;
      await tx.update(redFlagAlert).set({ goneAt: null, evidence: match.evidence }).where(eq(redFlagAlert.id, a.id));
      audit.record({ action: 'redflag.detect', subjectType: 'redFlagAlert', subjectId: a.id, regionCode: a.regionCode, projectId: a.projectId, after: { found: 'again' } });
    }
    for (const [, a] of vanished) {
      await tx.update(redFlagAlert).set({ goneAt: now }).where(and(eq(redFlagAlert.id, a.id), isNull(redFlagAlert.goneAt)));
      audit.record({ action: 'redflag.gone', subjectType: 'redFlagAlert', subjectId: a.id, regionCode: a.regionCode, projectId: a.projectId });
    }
  });
  return { ...summary, created: fresh.length, gone: vanished.length };
}

function alertRow(lot: LotFacts, match: Match, key: string, now: Date): typeof redFlagAlert.$inferInsert & { id: string; regionCode: string; projectId: string; code: string; ruleId: string; lotId: string; entityIds: string[] } {
  return { id: randomUUID(), key, code: match.code, ruleId: match.ruleId, lotId: lot.lotId, projectId: lot.projectId, regionCode: lot.regionCode, entityIds: match.entityIds, evidence: match.evidence, detectedAt: now, status: 'open' };
}

export function redFlagsLotHandler(platform: Platform): JobHandler {
  return async (payload) => {
    const ctx = systemContext(platform);
    const db = platform.database.db;
    return recomputeLots(ctx, await loadLotFacts(db, [String(payload.lotId)]), await redFlagSettings(db));
  };
}

/** Every opened lot, in batches so a province's year does not sit in memory at once; progress for the page. */
export function redFlagsFullHandler(platform: Platform): JobHandler {
  return async (_payload, control) => {
    const ctx = systemContext(platform);
    const db = platform.database.db;
    const settings = await redFlagSettings(db);
    const lotIds = (await queryRows<{ lotId: string }>(db, sql`SELECT DISTINCT lot_id AS "lotId" FROM bid WHERE status = 'decrypted' ORDER BY 1`)).map((r) => r.lotId);
    const total: RecomputeSummary = { lots: 0, bids: 0, matches: 0, created: 0, gone: 0 };
    const BATCH = 2000;
    for (let i = 0; i < lotIds.length; i += BATCH) {
      const s = await recomputeLots(ctx, await loadLotFacts(db, lotIds.slice(i, i + BATCH)), settings);
      for (const k of Object.keys(total) as (keyof RecomputeSummary)[]) total[k] += s[k];
      await control.progress(Math.min(i + BATCH, lotIds.length), lotIds.length);
    }
    return total;
  };
}
