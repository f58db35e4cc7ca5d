import { PDFDocument } from 'pdf-lib';
import { submitSealedBid, type Receipt } from '../../src/trading/bids/bid-client';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { generateBidKeyPair, protectKeyPair, unwrapContentKey, type BidKeyFile } from '../../src/trading/bids/sealing';
import type { ApiClient } from './api-client';

/** A small real PDF with the metadata a bidder's software would leave in it. */
export async function samplePdf(text: string, author = '投标人'): Promise<Uint8Array<ArrayBuffer>> {
  const pdf = await PDFDocument.create();
  pdf.setAuthor(author);
  pdf.setCreator('WPS Office');
  pdf.setTitle(text);
  pdf.addPage([300, 200]).drawText(text.replace(/[^\x20-\x7e]/g, '?'), { x: 20, y: 100, size: 12 });
  return new Uint8Array(await pdf.save()) as Uint8Array<ArrayBuffer>;
}

export const yuan = (n: number) => n * 100;

/** The answer's body, or an error naming the step that failed: a setup step must not fail silently. */
const ok = (res: { status: number; body: unknown }, what: string) => {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as any;
};

export interface PublishedProject {
  projectId: string;
  lotId: string;
  deadline: string;
  agency: string;
  purchaser: string;
}

/**
 * Budget line → plan → intention (30 days earlier, GP-08) → project (entrusted to the demo
 * agency) → documents → tender notice, as the demo purchaser and agency, with the clock at `t.clock`.
 */
export async function publishProject(t: ApiClient, options: DraftOptions & { deadline: string; documentsUntil: string }): Promise<PublishedProject> {
  const draft = await draftProject(t, options);
  ok(
    await t.api('POST', `/api/projects/${draft.projectId}/publication`, {
      cookie: draft.agency,
      body: { revision: draft.revision, documentsUntil: options.documentsUntil, deadline: options.deadline, contractPeriod: '合同签订后60日内交付', consortiumAllowed: false, qualifications: ['满足《政府采购法》第二十二条规定'] },
    }),
    'publication',
  );
  return { ...draft, deadline: options.deadline };
}

/** Everything up to the tender notice: the project exists as a draft with its documents. */
export interface DraftOptions {
  title?: string;
  /** The plan's category (default goods); works tendered openly follow the Bidding Law. */
  category?: 'goods' | 'services' | 'works';
  budgetYuan?: number;
  lots?: number;
  /** The purchaser's demo account (default 'purchaser'), and the agency it entrusts (default 'agency'; null runs it itself). */
  purchaser?: string;
  agency?: string | null;
  /** The lots' SME measure (default a 10 % price deduction). */
  sme?: { measure: 'none' | 'reserved' | 'priceDeduction'; deductionBp?: number; notSuitableReason?: string };
  /** The procurement documents' PDF (default a one-line sample). */
  document?: Uint8Array;
  /** The method (default an open tender) and, for those that need one, its justification; non-tender methods evaluate by lowest price unless they score. */
  method?: 'openTender' | 'consultation' | 'negotiation' | 'rfq' | 'singleSource' | 'framework';
  methodJustification?: string;
  /** 单一来源: the one supplier's demo account (default supplier1) and the ground (default the sole supplier, 第三十一条第一项). */
  singleSource?: { supplier?: string; ground?: 'soleSupplier' | 'emergency' | 'consistency' };
  /** CS-06: a consultation that may go on with two suppliers. */
  twoSupplierException?: 'research' | 'governmentServices';
  /** 资格预审 (works tendered under the Bidding Law only; default false, PQ-03). */
  prequalification?: boolean;
}

/** Scoring where the method allows it (磋商 only scores), else the lowest price (谈判, 询价, 单一来源). */
const SCORED_METHODS = ['openTender', 'consultation'];

export async function draftProject(t: ApiClient, options: DraftOptions = {}) {
  const purchaser = await t.signIn(options.purchaser ?? 'purchaser');
  // Whoever runs the project: the entrusted agency, or the purchaser itself.
  const agency = options.agency === null ? purchaser : await t.signIn(options.agency ?? 'agency');
  const budgetYuan = options.budgetYuan ?? 3_000_000;
  const code = `BL-${Math.random().toString(36).slice(2, 8)}`;
  const line = ok(await t.api('POST', '/api/budget-lines', { cookie: purchaser, body: { fiscalYear: 2026, code, name: '教育信息化专项', category: options.category ?? 'goods', amountFen: yuan(budgetYuan) } }), 'budget line');
  const plan = ok(await t.api('POST', '/api/plans', { cookie: purchaser, body: { budgetLineId: line.id, title: options.title ?? '中小学智慧教室设备采购', category: options.category ?? 'goods', amountFen: yuan(budgetYuan) } }), 'plan');
  await publishIntentionAhead(t, purchaser, plan);
  const agencyEntity = options.agency === null ? null : (await t.api('GET', '/api/entities', { cookie: agency })).body.items[0];
  const project = ok(
    await t.api('POST', '/api/projects', {
      cookie: purchaser,
      body: {
        planId: plan.id,
        title: options.title ?? '中小学智慧教室设备采购',
        description: '为区内12所中小学采购智慧黑板120套、学生终端1,200台，含安装调试与三年维保。',
        method: options.method ?? 'openTender',
        methodJustification: options.methodJustification ?? null,
        ...(options.method === 'singleSource'
          ? { singleSourceSupplierEntityId: (await t.api('GET', '/api/session', { cookie: await t.signIn(options.singleSource?.supplier ?? 'supplier1') })).body.entity.id, singleSourceGround: options.singleSource?.ground ?? 'soleSupplier' }
          : {}),
        twoSupplierException: options.twoSupplierException ?? null,
        ...(options.prequalification ? { prequalification: true } : {}),
        agencyEntityId: agencyEntity?.id ?? null,
        contactName: '孙强',
        contactPhone: '021-62880000',
        lots: Array.from({ length: options.lots ?? 1 }, (_, i) => ({
            title: `智慧教室设备（包${i + 1}）`,
            budgetFen: yuan(budgetYuan) / (options.lots ?? 1),
            depositFen: yuan(budgetYuan) / (options.lots ?? 1) / 50,
            ...(SCORED_METHODS.includes(options.method ?? 'openTender')
              ? {
                  evaluationMethod: 'scoring',
                  criteria: [
                    { name: '价格', weight: 30, isPrice: true },
                    { name: '技术', weight: 50, isPrice: false },
                    { name: '商务', weight: 20, isPrice: false },
                  ],
                }
              : { evaluationMethod: 'lowestPrice', criteria: [] }),
            sme: options.sme ?? { measure: 'priceDeduction', deductionBp: 1000 },
          })),
      },
    }),
    'project',
  );
  ok(
    await t.api('POST', `/api/projects/${project.id}/documents?name=${encodeURIComponent('招标文件')}`, { cookie: agency, raw: Buffer.from(options.document ?? (await samplePdf('Tender documents', '申远招标'))), contentType: 'application/pdf' }),
    'document',
  );
  return { projectId: project.id as string, lotId: project.lots[0].id as string, lotIds: project.lots.map((l: { id: string }) => l.id) as string[], revision: project.revision as number, agency, purchaser };
}

/**
 * GP-08: the plan's intention goes out 30 days before its procurement starts. The server's clock
 * (the test-only clock route) goes back 30 days from the plan's creation for it, then returns.
 */
async function publishIntentionAhead(t: ApiClient, purchaser: string, plan: { id: string; createdAt: string }) {
  const now = plan.createdAt;
  await t.api('PUT', '/api/test/clock', { body: { now: new Date(new Date(now).getTime() - 30 * 86_400_000).toISOString() } });
  ok(await t.api('POST', `/api/plans/${plan.id}/intention`, { cookie: purchaser, body: { summary: '智慧黑板、学生终端等，满足教学需要', expectedMonth: now.slice(0, 7), smeOnly: false } }), 'intention');
  await t.api('PUT', '/api/test/clock', { body: { now } });
}

export interface Bidder {
  username: string;
  cookie: string;
  keyPair: CryptoKeyPair;
  /** The key file the supplier keeps; its bids are sealed with the public key in it. */
  keyFile: BidKeyFile;
  /** The computer the bids are sealed on (its fingerprint); each bidder its own unless a test plants a shared one. */
  device?: string;
}

/** Few PBKDF2 iterations: a test key file's passphrase guards nothing, and each bidder makes one. */
export const TEST_KEY_FILE_ITERATIONS = 1000;

/** A key pair made as the browser makes it, its key file, and its public key registered for the signed-in supplier. */
export async function registerKey(t: ApiClient, cookie: string) {
  const keyPair = await generateBidKeyPair();
  const keyFile = await protectKeyPair(keyPair, 'Key#Pass2026', TEST_KEY_FILE_ITERATIONS);
  const res = await t.api('POST', '/api/bid-keys', { cookie, body: { algorithm: 'RSA-OAEP-SHA256', publicKey: keyFile.publicKey } });
  if (res.status !== 201) throw new Error(`bid key: ${res.status} ${JSON.stringify(res.body)}`);
  return { keyPair, keyFile, registered: res.body as { id: string; fingerprint: string } };
}

export async function prepareBidder(t: ApiClient, username: string, projectId: string): Promise<Bidder> {
  const cookie = await t.signIn(username);
  const docs = (await t.api('GET', `/api/public/projects/${projectId}/documents`, { cookie })).body;
  const dl = await t.api('GET', `/api/projects/${projectId}/documents/${docs[0].id}/content`, { cookie });
  if (dl.status !== 200) throw new Error(`download: ${dl.status} ${JSON.stringify(dl.body)}`);
  const { keyPair, keyFile } = await registerKey(t, cookie);
  return { username, cookie, keyPair, keyFile };
}

/** The price schedule a bidder seals; each bidder offers its own brand unless told (GP-60 treats equal brands as one). */
export function priceSchedule(lotId: string, totalYuan: number, brand = 'Demo') {
  return new TextEncoder().encode(
    JSON.stringify({
      lotId,
      totalPriceFen: yuan(totalYuan),
      deliveryPeriod: '合同签订后45日',
      items: [{ name: '智慧黑板', brand, model: 'X1', quantity: 120, unitPriceFen: Math.floor(yuan(totalYuan) / 120), totalFen: Math.floor(yuan(totalYuan) / 120) * 120 }],
      deposit: { form: 'guarantee', reference: `BH-${totalYuan}` },
    }),
  ) as Uint8Array<ArrayBuffer>;
}

export async function bid(t: ApiClient, bidder: Bidder, lotId: string, totalYuan: number, idempotencyKey: string = crypto.randomUUID()): Promise<Receipt> {
  return submitSealedBid(
    { baseUrl: t.baseUrl, headers: { cookie: bidder.cookie }, chunkSize: 64 * 1024 },
    {
      lotId,
      keyFile: bidder.keyFile,
      idempotencyKey,
      deviceFingerprint: bidder.device ?? `fp-${bidder.username}`,
      parts: [
        { name: 'priceSchedule', fileName: '开标一览表.json', bytes: priceSchedule(lotId, totalYuan, `品牌-${bidder.username}`) },
        { name: 'file-1', fileName: '响应文件.pdf', bytes: await samplePdf(`Response of ${bidder.username}`, `${bidder.username}-author`) },
      ],
    },
  );
}

/** A platform whose clock and jobs the test drives (the deadline passes, the opening job runs). */
type DrivenPlatform = ApiClient & { clock: { set(at: Date | string): void }; jobs: { runDue(): Promise<number> } };

/**
 * A published project with sealed bids at the given prices (yuan), taken through the opening:
 * the clock passes the deadline, the opening job runs and every bidder decrypts.
 */
export async function openedProject(
  t: DrivenPlatform,
  prices: Record<string, number>,
  options: { beforeDeadline?: (p: PublishedProject, bidders: Record<string, Bidder>) => Promise<void> } = {},
) {
  const deadline = shanghaiInstant('2026-03-23', '10:00');
  const p = await publishProject(t, { documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString() });
  const bidders: Record<string, Bidder> = {};
  const bidIds: Record<string, string> = {};
  for (const [name, price] of Object.entries(prices)) {
    bidders[name] = await prepareBidder(t, name, p.projectId);
    bidIds[name] = (await bid(t, bidders[name]!, p.lotId, price)).receipt.bidId;
  }
  await options.beforeDeadline?.(p, bidders);
  t.clock.set(deadline);
  await t.jobs.runDue();
  for (const [name, b] of Object.entries(bidders)) {
    b.cookie = await t.signIn(name);
    const mine = (await t.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie: b.cookie })).body.find((x: { id: string }) => x.id === bidIds[name]);
    const res = await t.api('POST', `/api/lots/${p.lotId}/bids/${mine.id}/decryption`, { cookie: b.cookie, body: { contentKey: await unwrapContentKey(b.keyPair.privateKey, mine.wrappedKey) } });
    if (res.status !== 200) throw new Error(`decryption: ${JSON.stringify(res.body)}`);
  }
  return { ...p, bidders, bidIds };
}


/**
 * After the bids: a committee of five demo experts (or the panel given: two single-source negotiators, SS-05; those sampled accept), the opening at the
 * deadline with every bidder decrypting, and the evaluation's start. Returns the members.
 */
export async function startEvaluation(t: DrivenPlatform, projectId: string, bidders: Bidder[], at: { deadline: Date; start: Date; beforeStart?: () => Promise<void> }, panel: { size: number; experts: number } = { size: 5, experts: 5 }): Promise<string[]> {
  const committee = { size: panel.size, experts: panel.experts, purchaserRepresentativeIds: [], specialities: ['A02'], complex: false, evaluationStartsAt: at.start.toISOString(), evaluationEndsAt: new Date(at.start.getTime() + 6 * 3_600_000).toISOString() };
  ok(await t.api('POST', `/api/projects/${projectId}/committee`, { cookie: await t.signIn('agency'), body: committee }), 'committee');
  const members: string[] = [];
  for (const name of ['expert1', 'expert2', 'expert3', 'expert4', 'expert5', 'expert6', 'expert7']) {
    const cookie = await t.signIn(name);
    // Drawn for this project (an expert may sit on another one already).
    if (!(await t.api('GET', '/api/evaluations', { cookie })).body.some((e: { projectId: string; memberStatus: string }) => e.projectId === projectId && e.memberStatus === 'drawn')) continue;
    ok(await t.api('POST', `/api/evaluations/${projectId}/response`, { cookie, body: { accept: true } }), 'expert response');
    members.push(name);
  }
  t.clock.set(at.deadline);
  await t.jobs.runDue();
  for (const b of bidders) {
    b.cookie = await t.signIn(b.username);
    for (const mine of (await t.api('GET', `/api/projects/${projectId}/my-bids`, { cookie: b.cookie })).body)
      ok(await t.api('POST', `/api/lots/${mine.lotId}/bids/${mine.id}/decryption`, { cookie: b.cookie, body: { contentKey: await unwrapContentKey(b.keyPair.privateKey, mine.wrappedKey) } }), 'decryption');
  }
  await at.beforeStart?.();
  t.clock.set(at.start);
  await t.jobs.runDue();
  return members;
}

/** Every member passes every bid, scores and submits the lot, then signs its report. */
export async function evaluateLot(t: ApiClient, projectId: string, lotId: string, members: string[]) {
  const cookies = await Promise.all(members.map((m) => t.signIn(m)));
  const sheet = (await t.api('GET', `/api/evaluations/${projectId}/sheet`, { cookie: cookies[0] })).body;
  const lot = sheet.lots.find((l: { lotId: string }) => l.lotId === lotId);
  const bidIds = lot.bids.map((b: { bidId: string }) => b.bidId);
  for (const cookie of cookies) {
    const reviews = bidIds.flatMap((bidId: string) => ['qualification', 'compliance'].map((criterion) => ({ bidId, criterion, passed: true })));
    // The lowest price (谈判, 询价) scores nothing.
    const scores = lot.evaluationMethod !== 'scoring' ? [] : bidIds.flatMap((bidId: string, i: number) => [
      { bidId, criterion: '技术', points: 40 + i },
      { bidId, criterion: '商务', points: 15 },
    ]);
    ok(await t.api('PUT', `/api/evaluations/${projectId}/lots/${lotId}/sheet`, { cookie, body: { reviews, scores } }), 'sheet');
    ok(await t.api('POST', `/api/evaluations/${projectId}/lots/${lotId}/submission`, { cookie }), 'submission');
  }
  for (const cookie of cookies) ok(await t.api('POST', `/api/evaluations/${projectId}/lots/${lotId}/signatures`, { cookie, body: { agreed: true } }), 'signature');
}

/** The agency delivers the lot's report and the purchaser awards the first candidate (the result notice is published). */
export async function awardLot(t: ApiClient, projectId: string, lotId: string) {
  ok(await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/report-delivery`, { cookie: await t.signIn('agency') }), 'report delivery');
  const purchaser = await t.signIn('purchaser');
  const lot = (await t.api('GET', `/api/projects/${projectId}/awards`, { cookie: purchaser })).body.find((a: { lotId: string }) => a.lotId === lotId);
  ok(await t.api('POST', `/api/projects/${projectId}/lots/${lotId}/award`, { cookie: purchaser, body: { bidId: lot.candidates[0] } }), 'award');
}

/** Every member passes every bid and submits, then signs (a lowest-price lot has no points to give). */
export async function passAndSignLot(t: ApiClient, projectId: string, lotId: string, members: string[], failing: string[] = []) {
  const cookies = await Promise.all(members.map((m) => t.signIn(m)));
  const sheet = (await t.api('GET', `/api/evaluations/${projectId}/sheet`, { cookie: cookies[0] })).body;
  const bidIds: string[] = sheet.lots.find((l: { lotId: string }) => l.lotId === lotId).bids.map((b: { bidId: string }) => b.bidId);
  for (const cookie of cookies) {
    const reviews = bidIds.flatMap((bidId) => ['qualification', 'compliance'].map((criterion) => ({ bidId, criterion, passed: !(failing.includes(bidId) && criterion === 'compliance'), ...(failing.includes(bidId) && criterion === 'compliance' ? { reason: '未满足征集文件实质性要求' } : {}) })));
    ok(await t.api('PUT', `/api/evaluations/${projectId}/lots/${lotId}/sheet`, { cookie, body: { reviews, scores: [] } }), 'sheet');
    ok(await t.api('POST', `/api/evaluations/${projectId}/lots/${lotId}/submission`, { cookie }), 'submission');
  }
  for (const cookie of cookies) ok(await t.api('POST', `/api/evaluations/${projectId}/lots/${lotId}/signatures`, { cookie, body: { agreed: true } }), 'signature');
}

/**
 * 框架协议采购, its first stage through the API: the call with documents (FA-03: 21 days), sealed
 * responses at the given prices (yuan), the opening, a panel of five, and the signed report.
 */
export async function evaluatedFramework(t: DrivenPlatform, prices: Record<string, number>, options: { category?: 'goods' | 'services'; title?: string } = {}) {
  const deadline = shanghaiInstant('2026-03-23', '10:00');
  const p = await publishProject(t, { title: options.title ?? '区属单位办公用品框架协议采购', method: 'framework', category: options.category ?? 'goods', documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString() });
  const bidders: Bidder[] = [];
  const bidIds: Record<string, string> = {};
  for (const [name, price] of Object.entries(prices)) {
    const b = await prepareBidder(t, name, p.projectId);
    bidders.push(b);
    bidIds[name] = (await bid(t, b, p.lotId, price)).receipt.bidId;
  }
  const members = await startEvaluation(t, p.projectId, bidders, { deadline, start: shanghaiInstant('2026-03-23', '11:00') });
  return { ...p, bidders, bidIds, members };
}
