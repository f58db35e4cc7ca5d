import { createHash } from 'node:crypto';
import type { Bilingual } from '../../platform/errors';

/**
 * 串通投标的法定情形 as data signals (RULES.md §4.3): each indicator compares the bids of one lot and
 * reports which bids share what. A match is a flag for a person, never a verdict (CL-11).
 */

/** What the platform recorded about one bid, with its supplier's registered particulars. */
export interface BidFacts {
  bidId: string;
  supplierEntityId: string;
  supplierName: string;
  /** The device fingerprint the bidding client reported at submission. */
  deviceFingerprint: string | null;
  clientIp: string | null;
  /** SHA-256 of each decrypted file of the bid. */
  files: { name: string; sha256: string }[];
  /** Each decrypted document's own metadata (PDF author, creating software, creation time). */
  documentMetadata: { name: string; author: string | null; creator: string | null; createdAt: string | null }[];
  contactName: string;
  contactPhone: string;
  /** 单位负责人 (legal representative) and the entity controlling it, from registration data. */
  legalRepresentative: string | null;
  controllerCreditCode: string | null;
  creditCode: string;
  /** CL-05: the normalised account numbers its deposit was paid from. */
  payerAccounts: string[];
  /** The total price its price schedule states, in fen; null before opening or if unreadable. */
  priceFen: number | null;
}

export interface LotFacts {
  lotId: string;
  projectId: string;
  regionCode: string;
  evaluationMethod: 'lowestPrice' | 'scoring';
  /** Files the purchaser published (templates a bidder may return unchanged): not evidence of anything. */
  publishedHashes: string[];
  bids: BidFacts[];
}

/** One bid's part in a match: which supplier, and the values that matched. */
export interface EvidenceBid {
  bidId: string;
  supplierEntityId: string;
  supplierName: string;
  values: Record<string, string | number | null>;
}

export interface Evidence {
  /** The shared value(s) or the pattern, as a person reads them. */
  matched: { label: Bilingual; value: string }[];
  bids: EvidenceBid[];
}

export interface Match {
  /** The indicator's code: a presumption's rule ID, a screen's S-… code, or the network's CN-01. */
  code: string;
  ruleId: string;
  entityIds: string[];
  evidence: Evidence;
}

/** How much a match says: presumed collusion by law, a bar on taking part, or weak on its own. */
export type Strength = 'presumption' | 'eligibility' | 'weak';

export interface Presumption<P extends Record<string, number | boolean> = Record<string, number | boolean>> {
  code: string;
  ruleId: string;
  strength: Strength;
  name: Bilingual;
  explanation: Bilingual;
  defaults: P;
  run(lot: LotFacts, params: P): Match[];
}

const bi = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, 'en-US': en });

/**
 * Bids grouped by a shared value; a group with two or more suppliers is a match. One supplier's
 * several values shared with the same others make one match listing them all.
 */
function sharedValues(code: PresumptionCode, ruleId: string, lot: LotFacts, label: Bilingual, valuesOf: (b: BidFacts) => string[], show: (b: BidFacts) => EvidenceBid['values']): Match[] {
  const byValue = new Map<string, Set<BidFacts>>();
  for (const b of lot.bids)
    for (const v of new Set(valuesOf(b))) {
      if (!byValue.has(v)) byValue.set(v, new Set());
      byValue.get(v)!.add(b);
    }
  const byEntities = new Map<string, { bids: BidFacts[]; values: string[] }>();
  for (const [value, bids] of byValue) {
    const entities = [...new Set([...bids].map((b) => b.supplierEntityId))].sort();
    if (entities.length < 2) continue;
    const key = entities.join(',');
    const m = byEntities.get(key) ?? { bids: [...bids], values: [] };
    m.values.push(value);
    byEntities.set(key, m);
  }
  return [...byEntities].map(([key, m]) => ({
    code,
    ruleId,
    entityIds: key.split(','),
    evidence: {
      matched: m.values.sort().map((value) => ({ label, value })),
      bids: m.bids.map((b) => ({ bidId: b.bidId, supplierEntityId: b.supplierEntityId, supplierName: b.supplierName, values: show(b) })),
    },
  }));
}

const digits = (s: string) => s.replace(/\D/g, '');
const trimmed = (s: string | null) => (s ?? '').trim();

export const SAME_DEVICE: Presumption = {
  code: 'CL-01',
  ruleId: 'CL-01',
  strength: 'presumption',
  name: bi('同一设备编制或上传', 'Same device'),
  explanation: bi(
    '不同投标人的投标文件由同一台设备（设备指纹相同）加密上传，可能属于委托同一单位或个人办理投标事宜。',
    'Bids of different suppliers were sealed and uploaded from one device (the same device fingerprint): possibly one person handled them.',
  ),
  defaults: {},
  run: (lot) => sharedValues('CL-01', 'CL-01', lot, bi('设备指纹', 'Device fingerprint'), (b) => (b.deviceFingerprint ? [b.deviceFingerprint] : []), (b) => ({ deviceFingerprint: b.deviceFingerprint, clientIp: b.clientIp })),
};

export const SAME_DOCUMENT_ORIGIN: Presumption = {
  code: 'CL-03',
  ruleId: 'CL-03',
  strength: 'presumption',
  name: bi('文件属性一致', 'Identical document metadata'),
  explanation: bi(
    '不同投标人的投标文件作者、制作软件和创建时间完全相同，可能由同一单位或个人编制。',
    'Documents of different bids have the same author, creating software and creation time: possibly prepared by the same person.',
  ),
  defaults: {},
  run: (lot) =>
    sharedValues(
      'CL-03',
      'CL-03',
      lot,
      bi('作者 / 制作软件 / 创建时间', 'Author / software / created'),
      // The creation time to the second makes a coincidence of author and software meaningful.
      (b) => b.documentMetadata.filter((m) => m.createdAt && (m.author || m.creator)).map((m) => `${trimmed(m.author)} / ${trimmed(m.creator)} / ${m.createdAt}`),
      (b) => ({ documents: b.documentMetadata.map((m) => `${m.name}: ${trimmed(m.author)} / ${trimmed(m.creator)} / ${m.createdAt ?? ''}`).join('; ') }),
    ),
};

export const SAME_CONTACT: Presumption<{ compareNames: boolean }> = {
  code: 'CL-04',
  ruleId: 'CL-04',
  strength: 'presumption',
  name: bi('联系人员为同一人', 'Same contact person'),
  explanation: bi(
    '不同投标人登记的联系电话（或联系人姓名）相同。87号令第三十七条第三项：联系人员为同一人的，视为串通投标。',
    'Different suppliers registered the same contact phone (or contact name). MoF Order 87 art. 37(3) presumes collusion when the contact person is the same.',
  ),
  defaults: { compareNames: true },
  run: (lot, p) =>
    sharedValues(
      'CL-04',
      'CL-04',
      lot,
      bi('联系电话或联系人', 'Contact phone or person'),
      (b) => [...(digits(b.contactPhone).length >= 7 ? [digits(b.contactPhone)] : []), ...(p.compareNames && trimmed(b.contactName) ? [trimmed(b.contactName)] : [])],
      (b) => ({ contactName: b.contactName, contactPhone: b.contactPhone }),
    ),
};

export const SAME_PAYER_ACCOUNT: Presumption = {
  code: 'CL-05',
  ruleId: 'CL-05',
  strength: 'presumption',
  name: bi('保证金从同一账户转出', 'Deposits from one account'),
  explanation: bi('不同投标人的投标保证金从同一账户转出。', 'The bid deposits of different suppliers were paid from the same account.'),
  defaults: {},
  run: (lot) => sharedValues('CL-05', 'CL-05', lot, bi('付款账号', 'Payer account'), (b) => b.payerAccounts, (b) => ({ payerAccounts: b.payerAccounts.join(', ') })),
};

export const IDENTICAL_FILES: Presumption = {
  code: 'CL-07',
  ruleId: 'CL-07',
  strength: 'presumption',
  name: bi('投标文件雷同', 'Identical bid files'),
  explanation: bi(
    '不同投标人提交了完全相同的文件（摘要一致；采购人发布的模板除外），属投标文件异常一致。',
    'Different suppliers submitted byte-identical files (the same SHA-256; templates the purchaser published excepted): bids unusually alike.',
  ),
  defaults: {},
  run: (lot) => {
    const published = new Set(lot.publishedHashes);
    return sharedValues('CL-07', 'CL-07', lot, bi('文件摘要', 'File SHA-256'), (b) => b.files.map((f) => f.sha256).filter((h) => !published.has(h)), (b) => ({ files: b.files.map((f) => `${f.name} ${f.sha256.slice(0, 12)}`).join('; ') }));
  },
};

/**
 * CL-08: three or more prices with a constant difference or a constant ratio, whether or not other
 * bids fall between them (a cartel's cover prices in equal steps, with honest bids in between). For
 * each pair of prices as the first two terms, the progression is followed while the next term is
 * there (within the tolerance); only progressions that cannot be extended to the left are kept, so
 * each is reported once, with all its bids. A lone pair is not a pattern: any two prices have some
 * difference.
 */
export function pricePatterns(prices: { bidId: string; priceFen: number }[], minBids: number, relativeTolerance: number): { kind: 'difference' | 'ratio'; step: number; bidIds: string[] }[] {
  const sorted = [...prices].sort((a, b) => a.priceFen - b.priceFen);
  if (sorted.length < Math.max(3, minBids)) return [];
  const tolerance = relativeTolerance * sorted[sorted.length - 1]!.priceFen;
  /** The index of a price within the tolerance of `target`, searching from `from`; -1 when there is none. */
  const near = (target: number, from: number) => {
    let lo = from;
    let hi = sorted.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.priceFen < target - tolerance) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && Math.abs(sorted[lo]!.priceFen - target) <= tolerance ? lo : -1;
  };
  const found: { kind: 'difference' | 'ratio'; step: number; bidIds: string[] }[] = [];
  for (const kind of ['difference', 'ratio'] as const) {
    const next = (price: number, step: number) => (kind === 'difference' ? price + step : price * step);
    const previous = (price: number, step: number) => (kind === 'difference' ? price - step : price / step);
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++) {
        const a = sorted[i]!.priceFen;
        const b = sorted[j]!.priceFen;
        if (b - a <= tolerance) continue; // equal prices are R028's business, not a progression
        const step = kind === 'difference' ? b - a : b / a;
        if (near(previous(a, step), 0) >= 0 && near(previous(a, step), 0) < i) continue; // extends to the left: found from there
        const run = [i, j];
        for (let k = near(next(b, step), j + 1); k >= 0; k = near(next(sorted[k]!.priceFen, step), k + 1)) run.push(k);
        if (run.length >= minBids) found.push({ kind, step, bidIds: run.map((x) => sorted[x]!.bidId) });
      }
  }
  // Close prices in equal steps are also nearly in equal ratios: a ratio run inside a difference run says nothing more.
  const inDifferenceRun = (ids: string[]) => found.some((f) => f.kind === 'difference' && ids.every((id) => f.bidIds.includes(id)));
  return found.filter((f) => f.kind === 'difference' || !inDifferenceRun(f.bidIds));
}

export const PRICE_PATTERN: Presumption<{ minBids: number; relativeTolerance: number }> = {
  code: 'CL-08',
  ruleId: 'CL-08',
  strength: 'presumption',
  name: bi('报价呈规律性差异', 'Prices in a regular pattern'),
  explanation: bi(
    '三家或以上投标人的报价呈等差或等比排列（在容差内），属投标报价呈规律性差异。',
    'Three or more prices form an arithmetic or geometric progression (within the tolerance): a regular pattern in the prices.',
  ),
  // One millionth of the highest price (1 yuan on a 1,000,000-yuan lot): prices worked out from one
  // another agree to the yuan, while ten honest prices agreed to 1/10,000 by chance in 4 % of lots (bench:redflags).
  defaults: { minBids: 3, relativeTolerance: 0.000001 },
  run: (lot, p) => {
    const priced = lot.bids.filter((b): b is BidFacts & { priceFen: number } => b.priceFen !== null);
    return pricePatterns(priced, p.minBids, p.relativeTolerance).map((found) => {
      const bids = found.bidIds.map((id) => priced.find((b) => b.bidId === id)!);
      const step = found.kind === 'difference' ? `${(found.step / 100).toFixed(2)}` : found.step.toFixed(4);
      return {
        code: 'CL-08' as const,
        ruleId: 'CL-08',
        entityIds: [...new Set(bids.map((b) => b.supplierEntityId))].sort(),
        evidence: {
          matched: [{ label: found.kind === 'difference' ? bi('等差（元）', 'Constant difference (yuan)') : bi('等比', 'Constant ratio'), value: step }],
          bids: bids.map((b) => ({ bidId: b.bidId, supplierEntityId: b.supplierEntityId, supplierName: b.supplierName, values: { priceFen: b.priceFen } })),
        },
      };
    });
  },
};

export const RELATED_SUPPLIERS: Presumption = {
  code: 'CL-10',
  ruleId: 'GP-90',
  strength: 'eligibility',
  name: bi('单位负责人相同或存在控股管理关系', 'Same legal representative or control'),
  explanation: bi(
    '单位负责人为同一人或者存在直接控股、管理关系的不同供应商，不得参加同一合同项下的政府采购活动。',
    'Suppliers with the same legal representative, or one directly controlling or managing the other, may not take part in the same lot.',
  ),
  defaults: {},
  run: (lot) => {
    const rep = sharedValues('CL-10', 'GP-90', lot, bi('单位负责人', 'Legal representative'), (b) => (trimmed(b.legalRepresentative) ? [trimmed(b.legalRepresentative)] : []), (b) => ({ legalRepresentative: b.legalRepresentative }));
    // Control: a bidder whose controller is another bidder of the lot (one row per pair).
    const control = lot.bids.flatMap((b) => {
      const controller = lot.bids.find((o) => o.creditCode === b.controllerCreditCode && o.supplierEntityId !== b.supplierEntityId);
      if (!controller) return [];
      return [{
        code: 'CL-10' as const,
        ruleId: 'GP-90',
        entityIds: [b.supplierEntityId, controller.supplierEntityId].sort(),
        evidence: {
          matched: [{ label: bi('控股或管理关系', 'Control or management'), value: `${controller.supplierName} → ${b.supplierName}` }],
          bids: [controller, b].map((x) => ({ bidId: x.bidId, supplierEntityId: x.supplierEntityId, supplierName: x.supplierName, values: { creditCode: x.creditCode, controllerCreditCode: x.controllerCreditCode } })),
        },
      }];
    });
    return [...rep, ...control];
  },
};

export const SAME_ADDRESS: Presumption = {
  code: 'CL-11',
  ruleId: 'CL-11',
  strength: 'weak',
  name: bi('同一网络地址投标', 'Same network address'),
  explanation: bi(
    '不同投标人从同一IP地址提交投标。单独出现时仅为弱信号（如同一写字楼、同一运营商出口），需结合其他情形判断。',
    'Different suppliers submitted from the same IP address. Alone this is weak (a shared office building or carrier gateway); read it with other signals.',
  ),
  defaults: {},
  run: (lot) => sharedValues('CL-11', 'CL-11', lot, bi('IP地址', 'IP address'), (b) => (b.clientIp ? [b.clientIp] : []), (b) => ({ clientIp: b.clientIp })),
};

export const PRESUMPTIONS = [SAME_DEVICE, SAME_DOCUMENT_ORIGIN, SAME_CONTACT, SAME_PAYER_ACCOUNT, IDENTICAL_FILES, PRICE_PATTERN, RELATED_SUPPLIERS, SAME_ADDRESS] as const;
export type PresumptionCode = 'CL-01' | 'CL-03' | 'CL-04' | 'CL-05' | 'CL-07' | 'CL-08' | 'CL-10' | 'CL-11';

/** Settings override defaults per indicator code; an indicator switched off does not run. */
export type PresumptionSettings = Partial<Record<PresumptionCode, Record<string, number | boolean> & { enabled?: boolean }>>;

/** Every indicator over one lot. Lots with fewer than two suppliers cannot match anything. */
export function runPresumptions(lot: LotFacts, settings: PresumptionSettings = {}): Match[] {
  if (new Set(lot.bids.map((b) => b.supplierEntityId)).size < 2) return [];
  return PRESUMPTIONS.flatMap((p) => {
    const s = settings[p.code as PresumptionCode];
    if (s?.enabled === false) return [];
    return (p as Presumption).run(lot, { ...p.defaults, ...s });
  });
}

/**
 * The key that finds the same match again on the next run: the indicator, the lot and who is
 * involved (for CL-08 also which bids), the list hashed so that a large group stays a short key.
 */
export const matchKey = (lotId: string, m: Pick<Match, 'code' | 'entityIds' | 'evidence'>) =>
  `${m.code}:${lotId}:${digest(m.entityIds.join(',') + (m.code === 'CL-08' ? `:${m.evidence.bids.map((b) => b.bidId).sort().join(',')}` : ''))}`;

export const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);
