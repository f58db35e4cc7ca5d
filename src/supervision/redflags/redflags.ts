import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { compileRelease } from '../../exchange/ocds/merge';
import { mergeRules } from '../../exchange/ocds/publish';
import { entityNames, provinceOf, regionCovers } from '../../identity';
import { entity } from '../../identity/identity.schema';
import { systemContext, type Context, type Platform } from '../../platform/context';
import { queryRows, type Db } from '../../platform/database/database';
import type { Bilingual } from '../../platform/errors';
import type { JobHandler } from '../../platform/jobs/jobs';
import { readSetting } from '../../platform/settings/settings';
import { inTransaction } from '../../platform/unit-of-work';
import { NETWORK_CODE, detectLot, indicatorOf, type EngineSettings } from './engine';
import { coBiddingNetwork, type LotRecord, type SupplierGroup } from './network';
import { OCDS_INDICATORS, runIndicators, type CompiledRelease, type Group } from './ocds';
import { digest, matchKey, type BidFacts, type LotFacts, type Match } from './presumptions';
import { redFlagAlert } from './redflags.schema';

/** Runs the indicators on one lot after its bids' documents are stored (incremental). */
export const REDFLAGS_LOT_JOB = 'redflags.lot';
/** Runs them on every opened lot (on demand). */
export const REDFLAGS_FULL_JOB = 'redflags.full';

export const REDFLAG_SETTINGS_KEY = 'redflags.settings';
const parameters = z.record(z.string(), z.union([z.number(), z.boolean(), z.record(z.string(), z.union([z.number(), z.string()]))]));
const settingsSchema = z.object({ presumptions: z.record(z.string(), parameters).optional(), screens: parameters.optional() }) as z.ZodType<EngineSettings>;

/** Parameters and switches per indicator, platform-wide (`redflags.settings`); the declared defaults otherwise. */
export async function redFlagSettings(db: Db): Promise<EngineSettings> {
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
  evaluationMethod: 'lowestPrice' | 'scoring';
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
          (b.price_schedule->>'totalPriceFen') AS "priceFen", l.evaluation_method AS "evaluationMethod",
          (SELECT array_agg(DISTINCT r.payer_account_key) FROM virtual_account va JOIN deposit_receipt r ON r.virtual_account_id = va.id
            WHERE va.lot_id = b.lot_id AND va.supplier_entity_id = b.supplier_entity_id) AS "payerAccounts",
          (SELECT array_agg(d.blob_sha256) FROM tender_document d WHERE d.project_id = b.project_id) AS "publishedHashes"
        FROM bid b JOIN project p ON p.id = b.project_id JOIN lot l ON l.id = b.lot_id JOIN entity e ON e.id = b.supplier_entity_id
        WHERE b.status = 'decrypted' ${lotIds ? sql`AND b.lot_id IN (${sql.join(lotIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``}
        ORDER BY b.lot_id`,
  );
  const lots = new Map<string, LotFacts>();
  for (const r of rows) {
    let lot = lots.get(r.lotId);
    if (!lot) lots.set(r.lotId, (lot = { lotId: r.lotId, projectId: r.projectId, regionCode: r.regionCode, evaluationMethod: r.evaluationMethod, publishedHashes: r.publishedHashes ?? [], bids: [] }));
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
  /** Groups of suppliers that bid together far more than chance (the co-bidding network). */
  groups?: number;
  /** Flags of the open-contracting indicators over the platform's OCDS data. */
  ocdsFlags?: number;
}

/**
 * Runs the indicators over the lots and brings the alerts in line: a new match opens an alert, a
 * match found again keeps its alert (and whatever people did with it), an alert whose match is no
 * longer found is marked gone, not deleted. Each new alert and each gone one is in the audit trail.
 */
export async function recomputeLots(ctx: Context, lots: LotFacts[], settings: EngineSettings): Promise<RecomputeSummary> {
  const found = lots.flatMap((lot) => detectLot(lot, settings).map((m) => ({ lot, match: m, key: matchKey(lot.lotId, m) })));
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
    // The progress bar counts lots, and the indicators across lots (the network, the open-contracting ones) as one more.
    const steps = lotIds.length + 1;
    for (let i = 0; i < lotIds.length; i += BATCH) {
      const s = await recomputeLots(ctx, await loadLotFacts(db, lotIds.slice(i, i + BATCH)), settings);
      total.lots += s.lots;
      total.bids += s.bids;
      total.matches += s.matches;
      total.created += s.created;
      total.gone += s.gone;
      await control.progress(Math.min(i + BATCH, lotIds.length), steps);
    }
    const network = await recomputeNetwork(ctx);
    const ocds = await recomputeOcdsIndicators(ctx);
    await control.progress(steps, steps);
    return { ...total, matches: total.matches + network.matches + ocds.matches, created: total.created + network.created + ocds.created, gone: total.gone + network.gone + ocds.gone, groups: network.matches, ocdsFlags: ocds.matches };
  };
}

/** Every opened lot's bidders and winner, by province, for the co-bidding network. */
export async function loadLotRecords(db: Db): Promise<Map<string, LotRecord[]>> {
  const rows = await queryRows<{ lotId: string; regionCode: string; category: string; bidders: string[]; winner: string | null }>(
    db,
    sql`SELECT b.lot_id AS "lotId", p.region_code AS "regionCode", p.category, array_agg(b.supplier_entity_id) AS bidders,
          (SELECT w.supplier_entity_id FROM award a JOIN bid w ON w.id = a.winner_bid_id WHERE a.lot_id = b.lot_id AND a.status = 'awarded') AS winner
        FROM bid b JOIN project p ON p.id = b.project_id
        WHERE b.status = 'decrypted'
        GROUP BY b.lot_id, p.region_code, p.category`,
  );
  const byProvince = new Map<string, LotRecord[]>();
  for (const r of rows) {
    const key = provinceOf(r.regionCode);
    if (!byProvince.has(key)) byProvince.set(key, []);
    byProvince.get(key)!.push({ lotId: r.lotId, regionCode: r.regionCode, category: r.category, bidders: r.bidders, winner: r.winner });
  }
  return byProvince;
}

/** A group as an alert's evidence: who, on how many lots, how far above chance, and whether they take turns winning. */
function groupMatch(group: SupplierGroup, lift: number, names: Map<string, string>): Match {
  const label = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, 'en-US': en });
  const wins = group.members.map((m) => `${names.get(m) ?? m}：${group.winsByMember[m] ?? 0}`).join('；');
  return {
    code: NETWORK_CODE,
    ruleId: NETWORK_CODE,
    entityIds: [...group.members].sort(),
    evidence: {
      matched: [
        { label: label('共同投标标项数', 'Lots bid together'), value: String(group.lotIds.length) },
        { label: label('高于随机预期倍数', 'Times the chance expectation'), value: lift.toFixed(1) },
        { label: label('中标次数（成员）', 'Wins by member'), value: wins },
        { label: label('轮流中标指数', 'Rotation score'), value: `${group.rotationScore.toFixed(2)}${group.flagged ? '（轮流中标）' : ''}` },
      ],
      bids: [],
    },
  };
}

/** A match across lots (a network group, an OCDS indicator), with the key that finds it again. */
interface WideMatch {
  key: string;
  regionCode: string;
  projectId: string | null;
  match: Match;
}

/**
 * Brings the alerts of the given codes in line with what a full run found: new ones opened, those
 * found again refreshed (a group's figures grow), those no longer found marked gone. Each opening
 * and disappearance is in the audit trail.
 */
async function syncWideAlerts(ctx: Context, codes: readonly string[], found: WideMatch[]): Promise<{ matches: number; created: number; gone: number }> {
  const db = ctx.platform.database.db;
  const now = ctx.platform.clock.now();
  const existing = codes.length ? await db.select({ id: redFlagAlert.id, key: redFlagAlert.key, goneAt: redFlagAlert.goneAt, regionCode: redFlagAlert.regionCode }).from(redFlagAlert).where(inArray(redFlagAlert.code, [...codes])) : [];
  const byKey = new Map(existing.map((a) => [a.key, a]));
  const fresh = found.filter((f) => !byKey.has(f.key));
  const again = found.filter((f) => byKey.has(f.key));
  const foundKeys = new Set(found.map((f) => f.key));
  const vanished = existing.filter((a) => !foundKeys.has(a.key) && !a.goneAt);
  if (fresh.length + vanished.length + again.filter((f) => byKey.get(f.key)!.goneAt).length === 0) {
    // Nothing opened or closed: refresh the figures of those found again without an audit entry each.
    for (const f of again) await db.update(redFlagAlert).set({ evidence: f.match.evidence }).where(eq(redFlagAlert.id, byKey.get(f.key)!.id));
    return { matches: found.length, created: 0, gone: 0 };
  }
  await inTransaction(ctx, async (tx, audit) => {
    for (const f of fresh) {
      const id = randomUUID();
      await tx.insert(redFlagAlert).values({ id, key: f.key, code: f.match.code, ruleId: f.match.ruleId, lotId: null, projectId: f.projectId, regionCode: f.regionCode, entityIds: f.match.entityIds, evidence: f.match.evidence, detectedAt: now, status: 'open' }).onConflictDoNothing({ target: redFlagAlert.key });
      audit.record({ action: 'redflag.detect', subjectType: 'redFlagAlert', subjectId: id, regionCode: f.regionCode, projectId: f.projectId, after: { code: f.match.code, entityIds: f.match.entityIds } });
    }
    for (const f of again) {
      const a = byKey.get(f.key)!;
      await tx.update(redFlagAlert).set({ goneAt: null, evidence: f.match.evidence }).where(eq(redFlagAlert.id, a.id));
      if (a.goneAt) audit.record({ action: 'redflag.detect', subjectType: 'redFlagAlert', subjectId: a.id, regionCode: a.regionCode, after: { found: 'again' } });
    }
    for (const a of vanished) {
      await tx.update(redFlagAlert).set({ goneAt: now }).where(eq(redFlagAlert.id, a.id));
      audit.record({ action: 'redflag.gone', subjectType: 'redFlagAlert', subjectId: a.id, regionCode: a.regionCode });
    }
  });
  return { matches: found.length, created: fresh.length, gone: vanished.length };
}

/** The co-bidding network of each province, as alerts without a lot: one per group of suppliers that bid together far more than chance. */
export async function recomputeNetwork(ctx: Context): Promise<{ matches: number; created: number; gone: number }> {
  const db = ctx.platform.database.db;
  const found: WideMatch[] = [];
  for (const [province, lots] of await loadLotRecords(db)) {
    const network = coBiddingNetwork(lots);
    const names = await entityNames(db, network.groups.flatMap((g) => g.members));
    for (const group of network.groups) {
      const pairs = network.pairs.filter((p) => p.flagged && group.members.includes(p.a) && group.members.includes(p.b));
      const match = groupMatch(group, Math.max(...pairs.map((p) => p.lift)), names);
      found.push({ key: `${NETWORK_CODE}:${province}:${digest(match.entityIds.join(','))}`, regionCode: province, projectId: null, match });
    }
  }
  return syncWideAlerts(ctx, [NETWORK_CODE], found);
}

/**
 * The open-contracting indicators (R003 … R058, cardinal's meaning) over the platform's own OCDS
 * data, compiled per process and run per province: a flagged process is an alert on its project,
 * a flagged tenderer, buyer or procuring entity an alert on that entity.
 */
export async function recomputeOcdsIndicators(ctx: Context): Promise<{ matches: number; created: number; gone: number }> {
  const db = ctx.platform.database.db;
  const rows = await queryRows<{ ocid: string; projectId: string | null; regionCode: string; release: Record<string, unknown> }>(
    db,
    // The platform's own procurements, and those synced from sub-platforms or imported (issue 15): the same indicators for all.
    sql`SELECT r.ocid, r.project_id AS "projectId", COALESCE(p.region_code, e.region_code) AS "regionCode", r.release
        FROM ocds_release r LEFT JOIN project p ON p.id = r.project_id LEFT JOIN external_procurement e ON e.ocid = r.ocid
        WHERE p.id IS NOT NULL OR e.ocid IS NOT NULL ORDER BY r.seq`,
  );
  const processes = new Map<string, { projectId: string | null; regionCode: string; releases: Record<string, unknown>[] }>();
  for (const r of rows) {
    const p = processes.get(r.ocid) ?? { projectId: r.projectId, regionCode: r.regionCode, releases: [] };
    p.releases.push(r.release);
    processes.set(r.ocid, p);
  }
  const byProvince = new Map<string, { ocid: string; compiled: CompiledRelease }[]>();
  for (const [ocid, p] of processes) {
    const key = provinceOf(p.regionCode);
    if (!byProvince.has(key)) byProvince.set(key, []);
    byProvince.get(key)!.push({ ocid, compiled: compileRelease(p.releases as Parameters<typeof compileRelease>[0], mergeRules()) as CompiledRelease });
  }
  const found: WideMatch[] = [];
  const creditCodeOf = (partyId: string) => partyId.slice(partyId.lastIndexOf('-') + 1);
  for (const [province, compiled] of byProvince) {
    const results = runIndicators(compiled.map((c) => c.compiled));
    const partyIds = ['Tenderer', 'Buyer', 'ProcuringEntity'].flatMap((g) => Object.keys(results[g as keyof typeof results] ?? {}));
    const entities = partyIds.length ? new Map((await db.select({ id: entity.id, creditCode: entity.creditCode, name: entity.name }).from(entity).where(inArray(entity.creditCode, partyIds.map(creditCodeOf)))).map((e) => [e.creditCode, e])) : new Map();
    for (const [group, byId] of Object.entries(results))
      for (const [id, codes] of Object.entries(byId ?? {}))
        for (const [code, value] of Object.entries(codes)) {
          const declared = indicatorOf(code);
          if (!declared) continue;
          const process = group === 'OCID' ? processes.get(id) : undefined;
          const party = group === 'OCID' ? undefined : entities.get(creditCodeOf(id));
          if (group !== 'OCID' && !party) continue; // a party not registered here
          found.push({
            key: `${code}:${group}:${digest(id)}`,
            regionCode: process?.regionCode ?? province,
            projectId: process?.projectId ?? null,
            match: {
              code,
              ruleId: declared.ruleId,
              entityIds: party ? [party.id] : [],
              evidence: { matched: [{ label: { 'zh-CN': `${declared.name['zh-CN']}（${GROUP_NAMES[group as Group]['zh-CN']}）`, 'en-US': `${declared.name['en-US']} (${GROUP_NAMES[group as Group]['en-US']})` }, value: `${id}: ${Number.isInteger(value) ? value : value.toFixed(4)}` }], bids: [] },
            },
          });
        }
  }
  return syncWideAlerts(ctx, OCDS_INDICATORS.map((i) => i.code), found);
}

const GROUP_NAMES: Record<Group, Bilingual> = {
  OCID: { 'zh-CN': '采购项目', 'en-US': 'contracting process' },
  Buyer: { 'zh-CN': '采购人', 'en-US': 'buyer' },
  ProcuringEntity: { 'zh-CN': '采购组织机构', 'en-US': 'procuring entity' },
  Tenderer: { 'zh-CN': '投标人', 'en-US': 'tenderer' },
};

/** The co-bidding graph of the lots in the caller's region, for the supervisor's page (ECharts graph). */
export async function networkGraph(ctx: Context) {
  const db = ctx.platform.database.db;
  const lots = ((await loadLotRecords(db)).get(provinceOf(ctx.actor!.regionCode)) ?? []).filter((l) => regionCovers(ctx.actor!.regionCode, l.regionCode!));
  const network = coBiddingNetwork(lots);
  const names = await entityNames(db, network.graph.nodes.map((n) => n.id));
  return {
    nodes: network.graph.nodes.map((n) => ({ ...n, name: names.get(n.id) ?? '' })),
    edges: network.graph.edges,
    groups: network.groups.map((g) => ({ members: g.members, lots: g.lotIds.length, rotationScore: g.rotationScore, rotating: g.flagged, explanation: g.explanation })),
    notes: network.notes,
  };
}
