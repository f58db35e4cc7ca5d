/**
 * One OCDS 1.1 release from what the platform has published about a procurement (pure: plain
 * data in, JSON out). The facts are already limited to what is public at the moment of the
 * release (publish.ts loads them): bidders appear once their lot was opened, bid details and
 * evaluation results once the lot was awarded. Organisations are named with their 统一社会信用代码
 * (org-id scheme CN-USCC); no person is ever named, and no contact point is given, because the
 * contacts the platform holds are individuals' names and phone numbers.
 */

export type OcdsTag = 'planning' | 'planningUpdate' | 'tender' | 'tenderUpdate' | 'tenderCancellation' | 'award' | 'awardUpdate' | 'contract' | 'contractUpdate' | 'implementation' | 'implementationUpdate';

export interface OrgFacts {
  name: string;
  creditCode: string;
  address: string;
  regionCode: string;
  smeSize: 'micro' | 'small' | 'medium' | null;
  entityType: string;
}

export interface LotFacts {
  id: string;
  lotNo: number;
  title: string;
  budgetFen: number;
  maxPriceFen: number | null;
  status: string;
  evaluationMethod: 'lowestPrice' | 'scoring';
  sme: { measure: 'none' | 'reserved' | 'priceDeduction'; deductionBp: number | null; consortiumDeductionBp: number | null };
  /** Set once the lot was opened: the bids received (not withdrawn or superseded). */
  opened: { at: string; bids: { id: string; receivedAt: string; supplier: OrgFacts }[] } | null;
  /** Set once the lot was awarded or failed: the evaluation as the award notice discloses it. */
  evaluated: {
    bids: { id: string; priceFen: number; evaluatedPriceFen: number; valid: boolean; rank: number | null }[];
    award: { at: string; bidId: string; priceFen: number; noticeId: string | null } | null;
  } | null;
  failedAt: string | null;
}

export interface NoticeFacts {
  id: string;
  noticeType: string;
  title: string;
  publishedAt: string;
}

export interface ContractFacts {
  id: string;
  contractNumber: string;
  lotId: string | null;
  bidId: string | null;
  title: string;
  priceFen: number;
  status: 'draft' | 'signed' | 'refused' | 'completed';
  signedAt: string | null;
  supplier: OrgFacts;
  noticeId: string | null;
  items: { name: string; brand: string | null; model: string | null; quantity: number; unitPriceFen: number; totalFen: number }[];
  milestones: { no: number; name: string; amountFen: number; dueDate: string }[];
  acceptances: { milestoneNo: number; result: 'pass' | 'partial' | 'fail'; payableFen: number; recordedAt: string }[];
  payments: { applicationNumber: string; milestoneNo: number; totalFen: number; paidOn: string }[];
}

export interface ProcurementFacts {
  ocid: string;
  projectId: string;
  projectNumber: string;
  transactionCode: string;
  originPlatform: string;
  regionCode: string;
  title: string;
  description: string;
  category: 'goods' | 'services' | 'works';
  method: 'openTender' | 'consultation' | 'negotiation' | 'rfq' | 'singleSource' | 'framework';
  methodJustification: string | null;
  status: string;
  documentsFrom: string | null;
  deadline: string | null;
  purchaser: OrgFacts;
  agency: OrgFacts | null;
  plan: { id: string; title: string; amountFen: number; budgetLineCode: string; budgetLineName: string; fiscalYear: number } | null;
  lots: LotFacts[];
  documents: { id: string; name: string; uploadedAt: string }[];
  notices: NoticeFacts[];
  contracts: ContractFacts[];
}

export interface ReleaseMeta {
  id: string;
  date: string;
  tag: OcdsTag;
  /** Where the portal shows a notice: `${publicUrl}/notices/${id}`. */
  publicUrl: string;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Release = { [key: string]: Json };

const CURRENCY = 'CNY';
export const PARTY_SCHEME = 'CN-USCC';

/** Integer fen to the amount in yuan OCDS carries (a number, exactly representable to the fen as a decimal). */
export const money = (fen: number) => ({ amount: fen / 100, currency: CURRENCY });

export const METHOD_CODES: Record<ProcurementFacts['method'], { code: 'open' | 'selective' | 'limited' | 'direct'; details: string }> = {
  openTender: { code: 'open', details: '公开招标' },
  // Suppliers take part on a notice or an invitation, after a qualification: OCDS calls that selective.
  consultation: { code: 'selective', details: '竞争性磋商' },
  negotiation: { code: 'selective', details: '竞争性谈判' },
  rfq: { code: 'selective', details: '询价' },
  singleSource: { code: 'direct', details: '单一来源采购' },
  // OCDS has no framework method of its own: the first stage is an open call (techniques.hasFrameworkAgreement would say the rest).
  framework: { code: 'open', details: '框架协议采购' },
};

const AWARD_CRITERIA = { lowestPrice: { code: 'priceOnly', details: '最低评标价法' }, scoring: { code: 'ratedCriteria', details: '综合评分法' } } as const;

const NOTICE_DOCUMENT_TYPES: Record<string, string> = {
  intention: 'plannedProcurementNotice',
  tender: 'tenderNotice',
  correction: 'clarifications',
  openingRecord: 'bidders',
  failure: 'cancellationDetails',
  termination: 'cancellationDetails',
  // 中标候选人公示: the committee's ranked candidates, published before the award (WK-13).
  candidates: 'evaluationReports',
  award: 'awardNotice',
  contract: 'contractNotice',
  acceptance: 'completionCertificate',
};

export const partyId = (o: OrgFacts) => `${PARTY_SCHEME}-${o.creditCode}`;
const ref = (o: OrgFacts) => ({ id: partyId(o), name: o.name });
export const lotRef = (lotNo: number) => `lot-${lotNo}`;
const awardId = (lotNo: number) => `award-${lotNo}`;

function lotStatus(status: string): string {
  if (status === 'failed') return 'unsuccessful';
  if (['awarded', 'contracted', 'completed'].includes(status)) return 'complete';
  return 'active';
}

function tenderStatus(f: ProcurementFacts): string {
  if (f.status === 'cancelled') return 'cancelled';
  if (f.status === 'failed') return 'unsuccessful';
  if (f.status === 'draft') return 'planned';
  if (f.lots.length > 0 && f.lots.every((l) => l.evaluated?.award || l.failedAt)) return f.lots.some((l) => l.evaluated?.award) ? 'complete' : 'unsuccessful';
  return 'active';
}

function noticeDocument(n: NoticeFacts, publicUrl: string) {
  return {
    id: n.id,
    documentType: NOTICE_DOCUMENT_TYPES[n.noticeType] ?? 'tenderNotice',
    title: n.title,
    url: `${publicUrl}/notices/${n.id}`,
    datePublished: n.publishedAt,
    format: 'text/html',
    language: 'zh',
  };
}

function party(o: OrgFacts, roles: Set<string>) {
  return {
    id: partyId(o),
    name: o.name,
    identifier: { scheme: PARTY_SCHEME, id: o.creditCode, legalName: o.name },
    address: { streetAddress: o.address, region: o.regionCode, countryName: '中国' },
    roles: [...roles],
    ...(o.entityType === 'supplier' ? { details: { scale: o.smeSize ? 'sme' : 'large' } } : {}),
  };
}

/** Everyone the release names, each once, with every role it plays in it. */
function parties(f: ProcurementFacts, stage: Stage): Json[] {
  const byId = new Map<string, { org: OrgFacts; roles: Set<string> }>();
  const add = (o: OrgFacts, role: string) => {
    const entry = byId.get(o.creditCode) ?? { org: o, roles: new Set<string>() };
    entry.roles.add(role);
    byId.set(o.creditCode, entry);
  };
  add(f.purchaser, 'buyer');
  add(f.agency ?? f.purchaser, 'procuringEntity');
  if (stage >= STAGE.tender)
    for (const l of f.lots) for (const b of l.opened?.bids ?? []) add(b.supplier, 'tenderer');
  if (stage >= STAGE.award) for (const l of f.lots) if (l.evaluated?.award) add(l.opened!.bids.find((b) => b.id === l.evaluated!.award!.bidId)!.supplier, 'supplier');
  if (stage >= STAGE.contract)
    for (const c of f.contracts) {
      add(c.supplier, 'supplier');
      if (stage >= STAGE.implementation && c.payments.length) {
        add(f.purchaser, 'payer');
        add(c.supplier, 'payee');
      }
    }
  return [...byId.values()].map((e) => party(e.org, e.roles));
}

const STAGE = { planning: 0, tender: 1, award: 2, contract: 3, implementation: 4 } as const;
type Stage = (typeof STAGE)[keyof typeof STAGE];
const STAGE_OF_TAG: Record<OcdsTag, Stage> = {
  planning: 0,
  planningUpdate: 0,
  tender: 1,
  tenderUpdate: 1,
  tenderCancellation: 1,
  award: 2,
  awardUpdate: 2,
  contract: 3,
  contractUpdate: 3,
  implementation: 4,
  implementationUpdate: 4,
};

function planning(f: ProcurementFacts, publicUrl: string) {
  const intentions = f.notices.filter((n) => n.noticeType === 'intention').map((n) => noticeDocument(n, publicUrl));
  return {
    rationale: f.plan?.title ?? f.title,
    ...(f.plan
      ? { budget: { id: f.plan.budgetLineCode, description: `${f.plan.fiscalYear}年度 ${f.plan.budgetLineName}`, amount: money(f.plan.amountFen), project: f.plan.title, projectID: f.plan.id } }
      : {}),
    ...(intentions.length ? { documents: intentions } : {}),
  };
}

function statistics(l: LotFacts): Json[] {
  if (!l.opened) return [];
  const stat = (measure: string, value: number, extra: Record<string, Json> = {}) => ({ id: `${l.lotNo}-${measure}`, measure, value, relatedLot: lotRef(l.lotNo), ...extra });
  const bids = l.opened.bids;
  const size = (s: OrgFacts['smeSize']) => bids.filter((b) => b.supplier.smeSize === s).length;
  const out: Json[] = [
    stat('bids', bids.length, { date: l.opened.at }),
    stat('electronicBids', bids.length, { date: l.opened.at }),
    stat('smeBids', bids.filter((b) => b.supplier.smeSize !== null).length, { date: l.opened.at }),
    stat('microBids', size('micro'), { date: l.opened.at }),
    stat('smallBids', size('small'), { date: l.opened.at }),
    stat('mediumBids', size('medium'), { date: l.opened.at }),
  ];
  if (l.evaluated) {
    const valid = l.evaluated.bids.filter((b) => b.valid);
    out.push(stat('validBids', valid.length), stat('disqualifiedBids', l.evaluated.bids.length - valid.length));
    if (valid.length) out.push(stat('lowestValidBidValue', Math.min(...valid.map((b) => b.priceFen)) / 100, { currency: CURRENCY }));
  }
  return out;
}

function bidDetails(l: LotFacts): Json[] {
  // Bid details are published only after the award (the bids extension's guidance, and GP-74's disclosure).
  if (!l.opened || !l.evaluated?.award) return [];
  return l.opened.bids.map((b) => {
    const e = l.evaluated!.bids.find((x) => x.id === b.id);
    return {
      id: b.id,
      date: b.receivedAt,
      status: e ? (e.valid ? 'valid' : 'disqualified') : 'pending',
      tenderers: [ref(b.supplier)],
      relatedLots: [lotRef(l.lotNo)],
      ...(e ? { value: money(e.priceFen), evaluatedValue: money(e.evaluatedPriceFen), ...(e.rank !== null ? { hasRank: true, rank: e.rank } : {}) } : {}),
    };
  });
}

function tender(f: ProcurementFacts, publicUrl: string, stage: Stage) {
  const firstLot = f.lots[0];
  const tenderers = new Map<string, OrgFacts>();
  for (const l of f.lots) for (const b of l.opened?.bids ?? []) tenderers.set(b.supplier.creditCode, b.supplier);
  const opened = f.lots.some((l) => l.opened);
  const tenderNotices = f.notices.filter((n) => ['tender', 'correction', 'openingRecord', 'failure', 'termination'].includes(n.noticeType) || !(n.noticeType in NOTICE_DOCUMENT_TYPES));
  return {
    id: f.projectNumber,
    title: f.title,
    description: f.description,
    status: tenderStatus(f),
    procuringEntity: ref(f.agency ?? f.purchaser),
    value: money(f.lots.reduce((sum, l) => sum + l.budgetFen, 0)),
    procurementMethod: METHOD_CODES[f.method].code,
    procurementMethodDetails: METHOD_CODES[f.method].details,
    ...(f.methodJustification ? { procurementMethodRationale: f.methodJustification } : {}),
    mainProcurementCategory: f.category,
    ...(firstLot ? { awardCriteria: AWARD_CRITERIA[firstLot.evaluationMethod].code, awardCriteriaDetails: f.lots.map((l) => `${l.lotNo}号包：${AWARD_CRITERIA[l.evaluationMethod].details}`).join('；') } : {}),
    submissionMethod: ['electronicSubmission'],
    submissionMethodDetails: '通过平台加密递交电子投标文件',
    ...(f.deadline ? { tenderPeriod: { ...(f.documentsFrom ? { startDate: f.documentsFrom } : {}), endDate: f.deadline } } : {}),
    items: f.lots.map((l) => ({ id: `item-${l.lotNo}`, description: l.title, quantity: 1, relatedLot: lotRef(l.lotNo) })),
    lots: f.lots.map((l) => ({
      id: lotRef(l.lotNo),
      title: l.title,
      status: lotStatus(l.status),
      value: money(l.budgetFen),
      ...(l.maxPriceFen !== null ? { maxValue: money(l.maxPriceFen) } : {}),
      smeMeasure: {
        measure: l.sme.measure,
        ...(l.sme.deductionBp !== null ? { priceDeductionPercentage: l.sme.deductionBp / 100 } : {}),
        ...(l.sme.consortiumDeductionBp !== null ? { consortiumPriceDeductionPercentage: l.sme.consortiumDeductionBp / 100 } : {}),
      },
    })),
    ...(stage >= STAGE.tender && opened ? { numberOfTenderers: tenderers.size, tenderers: [...tenderers.values()].map(ref) } : {}),
    documents: [
      ...f.documents.map((d) => ({ id: d.id, documentType: 'biddingDocuments', title: d.name, datePublished: d.uploadedAt, language: 'zh' })),
      ...tenderNotices.map((n) => noticeDocument(n, publicUrl)),
    ],
  };
}

function awards(f: ProcurementFacts, publicUrl: string): Json[] {
  const out: Json[] = [];
  for (const l of f.lots) {
    const a = l.evaluated?.award;
    if (a) {
      const winner = l.opened!.bids.find((b) => b.id === a.bidId)!;
      const notice = f.notices.find((n) => n.id === a.noticeId);
      out.push({
        id: awardId(l.lotNo),
        title: l.title,
        status: 'active',
        date: a.at,
        value: money(a.priceFen),
        suppliers: [ref(winner.supplier)],
        relatedLots: [lotRef(l.lotNo)],
        relatedBids: [a.bidId],
        ...(notice ? { documents: [noticeDocument(notice, publicUrl)] } : {}),
      });
    } else if (l.failedAt) out.push({ id: awardId(l.lotNo), title: l.title, status: 'unsuccessful', date: l.failedAt, relatedLots: [lotRef(l.lotNo)] });
  }
  return out;
}

const MILESTONE_STATUS = { pass: 'met', partial: 'partiallyMet', fail: 'notMet' } as const;

function contracts(f: ProcurementFacts, publicUrl: string, stage: Stage): Json[] {
  return f.contracts
    .filter((c) => c.status === 'signed' || c.status === 'completed')
    .map((c) => {
      const lotNo = f.lots.find((l) => l.id === c.lotId)?.lotNo;
      const notice = f.notices.find((n) => n.id === c.noticeId);
      const due = c.milestones.map((m) => m.dueDate).sort();
      const base = {
        id: c.contractNumber,
        awardID: lotNo !== undefined ? awardId(lotNo) : c.contractNumber,
        title: c.title,
        status: c.status === 'completed' ? 'terminated' : 'active',
        value: money(c.priceFen),
        ...(c.signedAt ? { dateSigned: c.signedAt, period: { startDate: c.signedAt, ...(due.length ? { endDate: `${due[due.length - 1]}T23:59:59+08:00` } : {}) } } : {}),
        items: c.items.map((it, i) => ({
          id: String(i + 1),
          description: [it.name, it.brand, it.model].filter(Boolean).join(' '),
          quantity: it.quantity,
          unit: { name: '件', value: money(it.unitPriceFen) },
          ...(lotNo !== undefined ? { relatedLot: lotRef(lotNo) } : {}),
        })),
        ...(c.bidId ? { relatedBids: [c.bidId] } : {}),
        ...(notice ? { documents: [noticeDocument(notice, publicUrl)] } : {}),
      };
      if (stage < STAGE.implementation) return base;
      return {
        ...base,
        implementation: {
          milestones: c.milestones.map((m) => {
            const accepted = c.acceptances.filter((a) => a.milestoneNo === m.no).at(-1);
            return {
              id: `milestone-${m.no}`,
              title: m.name,
              type: 'delivery',
              dueDate: `${m.dueDate}T23:59:59+08:00`,
              status: accepted ? MILESTONE_STATUS[accepted.result] : 'scheduled',
              ...(accepted ? { dateMet: accepted.recordedAt, description: `履约验收：${{ pass: '合格', partial: '部分合格', fail: '不合格' }[accepted.result]}；可支付 ${(accepted.payableFen / 100).toFixed(2)} 元` } : {}),
            };
          }),
          transactions: c.payments.map((p) => ({
            id: p.applicationNumber,
            source: `${publicUrl}/api/ocds/records/${encodeURIComponent(f.ocid)}`,
            date: `${p.paidOn}T00:00:00+08:00`,
            value: money(p.totalFen),
            payer: ref(f.purchaser),
            payee: ref(c.supplier),
          })),
        },
      };
    });
}

/** The release for one published step, with the sections that step concerns. */
export function buildRelease(f: ProcurementFacts, meta: ReleaseMeta): Release {
  const stage = STAGE_OF_TAG[meta.tag];
  const release: Release = {
    ocid: f.ocid,
    id: meta.id,
    date: meta.date,
    tag: [meta.tag],
    initiationType: 'tender',
    language: 'zh',
    parties: parties(f, stage),
    buyer: ref(f.purchaser),
    // The local extension (extension/README.md): the codes a Chinese reader looks these data up by.
    transactionCode: f.transactionCode,
    projectNumber: f.projectNumber,
    regionCode: f.regionCode,
    tradingPlatform: f.originPlatform,
  };
  if (stage === STAGE.planning) release.planning = planning(f, meta.publicUrl);
  if (stage >= STAGE.tender && stage <= STAGE.award) release.tender = tender(f, meta.publicUrl, stage);
  if (stage === STAGE.tender || stage === STAGE.award) {
    const stats = f.lots.flatMap(statistics);
    const details = stage === STAGE.award ? f.lots.flatMap(bidDetails) : [];
    if (stats.length || details.length) release.bids = { ...(stats.length ? { statistics: stats } : {}), ...(details.length ? { details } : {}) };
  }
  if (stage === STAGE.award) release.awards = awards(f, meta.publicUrl);
  if (stage >= STAGE.contract) release.contracts = contracts(f, meta.publicUrl, stage);
  return release;
}
